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
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QStackedWidget, QTabWidget, QTableView, QTextBrowser,
    QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_IntakeTab(object):
    def setupUi(self, IntakeTab):
        if not IntakeTab.objectName():
            IntakeTab.setObjectName(u"IntakeTab")
        IntakeTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(IntakeTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.tabLayout.setContentsMargins(0, 0, 0, 0)
        self.pageStack = QStackedWidget(IntakeTab)
        self.pageStack.setObjectName(u"pageStack")
        self.listPage = QWidget()
        self.listPage.setObjectName(u"listPage")
        self.listPageLayout = QVBoxLayout(self.listPage)
        self.listPageLayout.setObjectName(u"listPageLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(self.listPage)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(self.listPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.statusLabel = QLabel(self.listPage)
        self.statusLabel.setObjectName(u"statusLabel")

        self.filterLayout.addWidget(self.statusLabel)

        self.statusCombo = QComboBox(self.listPage)
        self.statusCombo.setObjectName(u"statusCombo")

        self.filterLayout.addWidget(self.statusCombo)

        self.ageLabel = QLabel(self.listPage)
        self.ageLabel.setObjectName(u"ageLabel")

        self.filterLayout.addWidget(self.ageLabel)

        self.ageCombo = QComboBox(self.listPage)
        self.ageCombo.setObjectName(u"ageCombo")

        self.filterLayout.addWidget(self.ageCombo)

        self.municipalityLabel = QLabel(self.listPage)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.filterLayout.addWidget(self.municipalityLabel)

        self.municipalityCombo = QComboBox(self.listPage)
        self.municipalityCombo.setObjectName(u"municipalityCombo")

        self.filterLayout.addWidget(self.municipalityCombo)

        self.counsellorLabel = QLabel(self.listPage)
        self.counsellorLabel.setObjectName(u"counsellorLabel")

        self.filterLayout.addWidget(self.counsellorLabel)

        self.counsellorCombo = QComboBox(self.listPage)
        self.counsellorCombo.setObjectName(u"counsellorCombo")

        self.filterLayout.addWidget(self.counsellorCombo)

        self.newCaseButton = QPushButton(self.listPage)
        self.newCaseButton.setObjectName(u"newCaseButton")

        self.filterLayout.addWidget(self.newCaseButton)

        self.filterLayout.setStretch(1, 3)
        self.filterLayout.setStretch(3, 1)
        self.filterLayout.setStretch(5, 1)
        self.filterLayout.setStretch(7, 1)
        self.filterLayout.setStretch(9, 1)

        self.listPageLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(self.listPage)
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
        self.detailTabs = QTabWidget(self.detailGroup)
        self.detailTabs.setObjectName(u"detailTabs")
        self.overviewPage = QWidget()
        self.overviewPage.setObjectName(u"overviewPage")
        self.overviewLayout = QVBoxLayout(self.overviewPage)
        self.overviewLayout.setObjectName(u"overviewLayout")
        self.detailView = QTextBrowser(self.overviewPage)
        self.detailView.setObjectName(u"detailView")
        self.detailView.setOpenLinks(False)

        self.overviewLayout.addWidget(self.detailView)

        self.detailTabs.addTab(self.overviewPage, "")
        self.historyPage = QWidget()
        self.historyPage.setObjectName(u"historyPage")
        self.historyLayout = QVBoxLayout(self.historyPage)
        self.historyLayout.setObjectName(u"historyLayout")
        self.detailTabs.addTab(self.historyPage, "")

        self.detailLayout.addWidget(self.detailTabs)

        self.detailButtons = QHBoxLayout()
        self.detailButtons.setObjectName(u"detailButtons")
        self.closeCaseButton = QPushButton(self.detailGroup)
        self.closeCaseButton.setObjectName(u"closeCaseButton")

        self.detailButtons.addWidget(self.closeCaseButton)

        self.detailSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.detailButtons.addItem(self.detailSpacer)

        self.editButton = QPushButton(self.detailGroup)
        self.editButton.setObjectName(u"editButton")

        self.detailButtons.addWidget(self.editButton)


        self.detailLayout.addLayout(self.detailButtons)

        self.splitter.addWidget(self.detailGroup)

        self.listPageLayout.addWidget(self.splitter)

        self.pageStack.addWidget(self.listPage)
        self.formPage = QWidget()
        self.formPage.setObjectName(u"formPage")
        self.formPageLayout = QVBoxLayout(self.formPage)
        self.formPageLayout.setObjectName(u"formPageLayout")
        self.pageStack.addWidget(self.formPage)

        self.tabLayout.addWidget(self.pageStack)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.statusLabel.setBuddy(self.statusCombo)
        self.ageLabel.setBuddy(self.ageCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.counsellorLabel.setBuddy(self.counsellorCombo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.ageCombo)
        QWidget.setTabOrder(self.ageCombo, self.municipalityCombo)
        QWidget.setTabOrder(self.municipalityCombo, self.counsellorCombo)
        QWidget.setTabOrder(self.counsellorCombo, self.newCaseButton)
        QWidget.setTabOrder(self.newCaseButton, self.caseTable)
        QWidget.setTabOrder(self.caseTable, self.detailTabs)
        QWidget.setTabOrder(self.detailTabs, self.detailView)
        QWidget.setTabOrder(self.detailView, self.editButton)

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
        self.ageLabel.setText(_("&Alter:"))
#if QT_CONFIG(accessibility)
        self.ageCombo.setAccessibleName(_("Nach Altersgruppe filtern"))
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
        self.newCaseButton.setAccessibleName(_("Neuen Fall anlegen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.newCaseButton.setToolTip(_("Neuen Fall anlegen (Strg+N)"))
#endif // QT_CONFIG(tooltip)
        self.newCaseButton.setText(_("&Neuer Fall"))
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
        self.detailTabs.setAccessibleName(_("Ansichten des ausgewählten Falls"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(_("Angaben zum ausgewählten Fall"))
#endif // QT_CONFIG(accessibility)
        self.detailTabs.setTabText(self.detailTabs.indexOf(self.overviewPage), _("Übersicht"))
        self.detailTabs.setTabText(self.detailTabs.indexOf(self.historyPage), _("Verlauf"))
#if QT_CONFIG(accessibility)
        self.closeCaseButton.setAccessibleName(_("Ausgewählten Fall abschließen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.closeCaseButton.setToolTip(_("Fall abschließen (verzogen, nicht schulpflichtig, anderer Grund) oder in die Nachbetreuung geben"))
#endif // QT_CONFIG(tooltip)
        self.closeCaseButton.setText(_("Fall ab&schließen…"))
#if QT_CONFIG(accessibility)
        self.editButton.setAccessibleName(_("Ausgewählten Fall bearbeiten"))
#endif // QT_CONFIG(accessibility)
        self.editButton.setText(_("Fall &bearbeiten"))
#if QT_CONFIG(accessibility)
        self.formPage.setAccessibleName(_("Fallakte bearbeiten"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
