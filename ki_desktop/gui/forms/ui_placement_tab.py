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
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTabWidget, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

from ki_desktop.i18n import _

class Ui_PlacementTab(object):
    def setupUi(self, PlacementTab):
        if not PlacementTab.objectName():
            PlacementTab.setObjectName(u"PlacementTab")
        PlacementTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(PlacementTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.sections = QTabWidget(PlacementTab)
        self.sections.setObjectName(u"sections")
        self.sections.setDocumentMode(True)
        self.recommendationPage = QWidget()
        self.recommendationPage.setObjectName(u"recommendationPage")
        self.recommendationLayout = QVBoxLayout(self.recommendationPage)
        self.recommendationLayout.setObjectName(u"recommendationLayout")
        self.recommendationLayout.setContentsMargins(0, 0, 0, 0)
        self.sections.addTab(self.recommendationPage, "")
        self.schoolPage = QWidget()
        self.schoolPage.setObjectName(u"schoolPage")
        self.schoolLayout = QVBoxLayout(self.schoolPage)
        self.schoolLayout.setObjectName(u"schoolLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(self.schoolPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.schoolPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.kindLabel = QLabel(self.schoolPage)
        self.kindLabel.setObjectName(u"kindLabel")

        self.filterLayout.addWidget(self.kindLabel)

        self.kindCombo = QComboBox(self.schoolPage)
        self.kindCombo.setObjectName(u"kindCombo")

        self.filterLayout.addWidget(self.kindCombo)

        self.filterLayout.setStretch(1, 3)
        self.filterLayout.setStretch(3, 1)

        self.schoolLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(self.schoolPage)
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

        self.schoolLayout.addWidget(self.splitter)

        self.schoolButtonLayout = QHBoxLayout()
        self.schoolButtonLayout.setObjectName(u"schoolButtonLayout")
        self.schoolButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.schoolButtonLayout.addItem(self.schoolButtonSpacer)

        self.editSchoolButton = QPushButton(self.schoolPage)
        self.editSchoolButton.setObjectName(u"editSchoolButton")

        self.schoolButtonLayout.addWidget(self.editSchoolButton)


        self.schoolLayout.addLayout(self.schoolButtonLayout)

        self.sections.addTab(self.schoolPage, "")

        self.tabLayout.addWidget(self.sections)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.kindLabel.setBuddy(self.kindCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.sections, self.searchEdit)
        QWidget.setTabOrder(self.searchEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.table)
        QWidget.setTabOrder(self.table, self.detailView)
        QWidget.setTabOrder(self.detailView, self.editSchoolButton)

        self.retranslateUi(PlacementTab)

        QMetaObject.connectSlotsByName(PlacementTab)
    # setupUi

    def retranslateUi(self, PlacementTab):
#if QT_CONFIG(accessibility)
        PlacementTab.setAccessibleName(_("Schulempfehlung"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.sections.setAccessibleName(_("Empfehlung oder Schulliste"))
#endif // QT_CONFIG(accessibility)
        self.sections.setTabText(self.sections.indexOf(self.recommendationPage), _("&Empfehlung"))
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
#if QT_CONFIG(tooltip)
        self.editSchoolButton.setToolTip(_("Erstförderplätze, Ansprechperson und Notizen der ausgewählten Schule bearbeiten (auch Doppelklick)"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.editSchoolButton.setAccessibleName(_("Schuldaten bearbeiten"))
#endif // QT_CONFIG(accessibility)
        self.editSchoolButton.setText(_("Schuldaten &bearbeiten…"))
        self.sections.setTabText(self.sections.indexOf(self.schoolPage), _("Schul&liste"))
    # retranslateUi
