# Generated from ui/placement_tab.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QGroupBox,
    QHBoxLayout, QHeaderView, QLabel, QLineEdit,
    QSizePolicy, QSplitter, QTableView, QTextBrowser,
    QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_PlacementTab(object):
    def setupUi(self, PlacementTab):
        if not PlacementTab.objectName():
            PlacementTab.setObjectName(u"PlacementTab")
        PlacementTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(PlacementTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(PlacementTab)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(PlacementTab)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.kindLabel = QLabel(PlacementTab)
        self.kindLabel.setObjectName(u"kindLabel")

        self.filterLayout.addWidget(self.kindLabel)

        self.kindCombo = QComboBox(PlacementTab)
        self.kindCombo.setObjectName(u"kindCombo")

        self.filterLayout.addWidget(self.kindCombo)

        self.filterLayout.setStretch(1, 3)
        self.filterLayout.setStretch(3, 1)

        self.tabLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(PlacementTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.listPanel = QWidget(self.splitter)
        self.listPanel.setObjectName(u"listPanel")
        self.listLayout = QVBoxLayout(self.listPanel)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableView(self.listPanel)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.listLayout.addWidget(self.table)

        self.countLabel = QLabel(self.listPanel)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setText(u"")

        self.listLayout.addWidget(self.countLabel)

        self.splitter.addWidget(self.listPanel)
        self.detailGroup = QGroupBox(self.splitter)
        self.detailGroup.setObjectName(u"detailGroup")
        self.detailLayout = QVBoxLayout(self.detailGroup)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailView = QTextBrowser(self.detailGroup)
        self.detailView.setObjectName(u"detailView")
        self.detailView.setOpenLinks(False)

        self.detailLayout.addWidget(self.detailView)

        self.splitter.addWidget(self.detailGroup)

        self.tabLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.kindLabel.setBuddy(self.kindCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.table)
        QWidget.setTabOrder(self.table, self.detailView)

        self.retranslateUi(PlacementTab)

        QMetaObject.connectSlotsByName(PlacementTab)
    # setupUi

    def retranslateUi(self, PlacementTab):
#if QT_CONFIG(accessibility)
        PlacementTab.setAccessibleName(_("Schulempfehlung"))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(_("&Suche:"))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(_("Schulen suchen"))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(_("Name, Ort, Straße oder Schulnummer"))
        self.kindLabel.setText(_("Schul&form:"))
#if QT_CONFIG(accessibility)
        self.kindCombo.setAccessibleName(_("Nach Schulform filtern"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(_("Schulliste"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(_("Anzahl der Schulen"))
#endif // QT_CONFIG(accessibility)
        self.detailGroup.setTitle(_("Ausgewählte Schule"))
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(_("Angaben zur ausgewählten Schule"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
