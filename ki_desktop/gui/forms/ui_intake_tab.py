# Generated from ui/intake_tab.ui by packaging/compile_forms.py.
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
    QSizePolicy, QSplitter, QStackedWidget, QTableView,
    QTextBrowser, QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_IntakeTab(object):
    def setupUi(self, IntakeTab):
        if not IntakeTab.objectName():
            IntakeTab.setObjectName(u"IntakeTab")
        IntakeTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(IntakeTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(IntakeTab)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(IntakeTab)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.statusLabel = QLabel(IntakeTab)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterLayout.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(IntakeTab)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterLayout.addWidget(self.statusCombo)

        self.municipalityLabel = QLabel(IntakeTab)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.filterLayout.addWidget(self.municipalityLabel)

        self.municipalityCombo = QComboBox(IntakeTab)
        self.municipalityCombo.setObjectName(u"municipalityCombo")

        self.filterLayout.addWidget(self.municipalityCombo)

        self.counsellorLabel = QLabel(IntakeTab)
        self.counsellorLabel.setObjectName(u"counsellorLabel")

        self.filterLayout.addWidget(self.counsellorLabel)

        self.counsellorCombo = QComboBox(IntakeTab)
        self.counsellorCombo.setObjectName(u"counsellorCombo")

        self.filterLayout.addWidget(self.counsellorCombo)

        self.filterLayout.setStretch(1, 3)
        self.filterLayout.setStretch(3, 1)
        self.filterLayout.setStretch(5, 1)
        self.filterLayout.setStretch(7, 1)

        self.tabLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(IntakeTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.listPanel = QWidget(self.splitter)
        self.listPanel.setObjectName(u"listPanel")
        self.listLayout = QVBoxLayout(self.listPanel)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(0, 0, 0, 0)
        self.listStack = QStackedWidget(self.listPanel)
        self.listStack.setObjectName(u"listStack")
        self.tablePage = QWidget()
        self.tablePage.setObjectName(u"tablePage")
        self.tablePageLayout = QVBoxLayout(self.tablePage)
        self.tablePageLayout.setObjectName(u"tablePageLayout")
        self.tablePageLayout.setContentsMargins(0, 0, 0, 0)
        self.caseTable = QTableView(self.tablePage)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.caseTable.setTabKeyNavigation(False)
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseTable.setSortingEnabled(True)
        self.caseTable.setWordWrap(False)
        self.caseTable.horizontalHeader().setHighlightSections(False)
        self.caseTable.horizontalHeader().setStretchLastSection(True)
        self.caseTable.verticalHeader().setVisible(False)

        self.tablePageLayout.addWidget(self.caseTable)

        self.listStack.addWidget(self.tablePage)
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyPageLayout = QVBoxLayout(self.emptyPage)
        self.emptyPageLayout.setObjectName(u"emptyPageLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyLabel.setWordWrap(True)

        self.emptyPageLayout.addWidget(self.emptyLabel)

        self.listStack.addWidget(self.emptyPage)

        self.listLayout.addWidget(self.listStack)

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
        self.statusLabel.setBuddy(self.statusCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.counsellorLabel.setBuddy(self.counsellorCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.municipalityCombo)
        QWidget.setTabOrder(self.municipalityCombo, self.counsellorCombo)
        QWidget.setTabOrder(self.counsellorCombo, self.caseTable)
        QWidget.setTabOrder(self.caseTable, self.detailView)

        self.retranslateUi(IntakeTab)

        QMetaObject.connectSlotsByName(IntakeTab)
    # setupUi

    def retranslateUi(self, IntakeTab):
#if QT_CONFIG(accessibility)
        IntakeTab.setAccessibleName(_("Erstberatung"))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(_("&Suche:"))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(_("Fälle suchen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleDescription(_("Sucht beim Tippen in Vor- und Nachnamen"))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(_("Vor- oder Nachname (Strg+F)"))
        self.statusLabel.setText(_("S&tatus:"))
#if QT_CONFIG(accessibility)
        self.statusCombo.setAccessibleName(_("Nach Status filtern"))
#endif // QT_CONFIG(accessibility)
        self.municipalityLabel.setText(_("&Gemeinde:"))
#if QT_CONFIG(accessibility)
        self.municipalityCombo.setAccessibleName(_("Nach Gemeinde filtern"))
#endif // QT_CONFIG(accessibility)
        self.counsellorLabel.setText(_("&Beratung durch:"))
#if QT_CONFIG(accessibility)
        self.counsellorCombo.setAccessibleName(_("Nach Beraterin oder Berater filtern"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caseTable.setAccessibleName(_("Fallliste"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.emptyLabel.setAccessibleName(_("Hinweis zur Fallliste"))
#endif // QT_CONFIG(accessibility)
        self.emptyLabel.setText(_("Noch keine Fälle — Demodaten laden (Datei-Menü)"))
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(_("Anzahl der Fälle"))
#endif // QT_CONFIG(accessibility)
        self.detailGroup.setTitle(_("Ausgewählter Fall"))
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(_("Angaben zum ausgewählten Fall"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
