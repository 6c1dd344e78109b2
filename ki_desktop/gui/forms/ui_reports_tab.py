# Generated from ui/reports_tab.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

from ki_desktop.i18n import _

class Ui_ReportsTab(object):
    def setupUi(self, ReportsTab):
        if not ReportsTab.objectName():
            ReportsTab.setObjectName(u"ReportsTab")
        ReportsTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(ReportsTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.introLabel = QLabel(ReportsTab)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.tabLayout.addWidget(self.introLabel)

        self.splitter = QSplitter(ReportsTab)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.detailGroup = QGroupBox(self.splitter)
        self.detailGroup.setObjectName(u"detailGroup")
        self.detailLayout = QVBoxLayout(self.detailGroup)
        self.detailLayout.setObjectName(u"detailLayout")
        self.detailView = QTextBrowser(self.detailGroup)
        self.detailView.setObjectName(u"detailView")
        self.detailView.setOpenLinks(False)

        self.detailLayout.addWidget(self.detailView)

        self.gapSummaryLabel = QLabel(self.detailGroup)
        self.gapSummaryLabel.setObjectName(u"gapSummaryLabel")
        self.gapSummaryLabel.setVisible(False)
        self.gapSummaryLabel.setWordWrap(True)

        self.detailLayout.addWidget(self.gapSummaryLabel)

        self.gapTable = QTableView(self.detailGroup)
        self.gapTable.setObjectName(u"gapTable")
        self.gapTable.setVisible(False)
        self.gapTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gapTable.setTabKeyNavigation(False)
        self.gapTable.setAlternatingRowColors(True)
        self.gapTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gapTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gapTable.setWordWrap(False)
        self.gapTable.horizontalHeader().setHighlightSections(False)
        self.gapTable.verticalHeader().setVisible(False)

        self.detailLayout.addWidget(self.gapTable)

        self.actionLayout = QHBoxLayout()
        self.actionLayout.setObjectName(u"actionLayout")
        self.notYetLabel = QLabel(self.detailGroup)
        self.notYetLabel.setObjectName(u"notYetLabel")
        self.notYetLabel.setWordWrap(True)

        self.actionLayout.addWidget(self.notYetLabel)

        self.createButton = QPushButton(self.detailGroup)
        self.createButton.setObjectName(u"createButton")
        self.createButton.setEnabled(False)

        self.actionLayout.addWidget(self.createButton)

        self.actionLayout.setStretch(0, 1)

        self.detailLayout.addLayout(self.actionLayout)

        self.splitter.addWidget(self.detailGroup)

        self.tabLayout.addWidget(self.splitter)


        self.retranslateUi(ReportsTab)

        QMetaObject.connectSlotsByName(ReportsTab)
    # setupUi

    def retranslateUi(self, ReportsTab):
#if QT_CONFIG(accessibility)
        ReportsTab.setAccessibleName(_("Berichte und Export"))
#endif // QT_CONFIG(accessibility)
        self.introLabel.setText(_("Diese Berichte stellt KI Desktop bereit. Statistiken enthalten nur anonymisierte Zahlen."))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(_("Liste der Berichte"))
#endif // QT_CONFIG(accessibility)
        self.detailGroup.setTitle(_("Ausgewählter Bericht"))
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(_("Angaben zum ausgewählten Bericht"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.gapSummaryLabel.setAccessibleName(_("Zusammenfassung der Bedarfsanalyse"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.gapTable.setAccessibleName(_("Bedarfsanalyse: Kinder und passende Angebote"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.notYetLabel.setAccessibleName(_("Hinweis zum Erstellen aus einem Fall"))
#endif // QT_CONFIG(accessibility)
        self.notYetLabel.setText(_("Dieser Bericht wird aus einem geöffneten Fall erstellt: im Tab „Erstberatung“ den Fall auswählen."))
#if QT_CONFIG(tooltip)
        self.createButton.setToolTip(_("Den ausgewählten Bericht erstellen und speichern."))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.createButton.setAccessibleName(_("Bericht erstellen"))
#endif // QT_CONFIG(accessibility)
        self.createButton.setText(_("&Erstellen…"))
    # retranslateUi
