# Generated from ui/offers_tab.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,
    QDateEdit, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem,
    QSpinBox, QSplitter, QTableView, QTextBrowser,
    QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_OffersTab(object):
    def setupUi(self, OffersTab):
        if not OffersTab.objectName():
            OffersTab.setObjectName(u"OffersTab")
        OffersTab.resize(1200, 700)
        self.tabLayout = QVBoxLayout(OffersTab)
        self.tabLayout.setObjectName(u"tabLayout")
        self.filterLayout = QHBoxLayout()
        self.filterLayout.setObjectName(u"filterLayout")
        self.searchLabel = QLabel(OffersTab)
        self.searchLabel.setObjectName(u"searchLabel")

        self.filterLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(OffersTab)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterLayout.addWidget(self.searchEdit)

        self.kindLabel = QLabel(OffersTab)
        self.kindLabel.setObjectName(u"kindLabel")

        self.filterLayout.addWidget(self.kindLabel)

        self.kindCombo = QComboBox(OffersTab)
        self.kindCombo.setObjectName(u"kindCombo")

        self.filterLayout.addWidget(self.kindCombo)

        self.filterLayout.setStretch(1, 3)
        self.filterLayout.setStretch(3, 1)

        self.tabLayout.addLayout(self.filterLayout)

        self.optionsLayout = QHBoxLayout()
        self.optionsLayout.setObjectName(u"optionsLayout")
        self.ageLabel = QLabel(OffersTab)
        self.ageLabel.setObjectName(u"ageLabel")

        self.optionsLayout.addWidget(self.ageLabel)

        self.ageSpin = QSpinBox(OffersTab)
        self.ageSpin.setObjectName(u"ageSpin")
        self.ageSpin.setMinimum(-1)
        self.ageSpin.setMaximum(99)
        self.ageSpin.setValue(-1)

        self.optionsLayout.addWidget(self.ageSpin)

        self.languageLabel = QLabel(OffersTab)
        self.languageLabel.setObjectName(u"languageLabel")

        self.optionsLayout.addWidget(self.languageLabel)

        self.languageCombo = QComboBox(OffersTab)
        self.languageCombo.setObjectName(u"languageCombo")
        self.languageCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.languageCombo.setMinimumContentsLength(14)

        self.optionsLayout.addWidget(self.languageCombo)

        self.municipalityLabel = QLabel(OffersTab)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.optionsLayout.addWidget(self.municipalityLabel)

        self.municipalityCombo = QComboBox(OffersTab)
        self.municipalityCombo.setObjectName(u"municipalityCombo")
        self.municipalityCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.municipalityCombo.setMinimumContentsLength(14)

        self.optionsLayout.addWidget(self.municipalityCombo)

        self.neighboursCheck = QCheckBox(OffersTab)
        self.neighboursCheck.setObjectName(u"neighboursCheck")

        self.optionsLayout.addWidget(self.neighboursCheck)

        self.optionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.optionsLayout.addItem(self.optionsSpacer)


        self.tabLayout.addLayout(self.optionsLayout)

        self.validityLayout = QHBoxLayout()
        self.validityLayout.setObjectName(u"validityLayout")
        self.validLabel = QLabel(OffersTab)
        self.validLabel.setObjectName(u"validLabel")

        self.validityLayout.addWidget(self.validLabel)

        self.validDate = QDateEdit(OffersTab)
        self.validDate.setObjectName(u"validDate")
        self.validDate.setCalendarPopup(True)
        self.validDate.setDisplayFormat(u"dd.MM.yyyy")

        self.validityLayout.addWidget(self.validDate)

        self.expiredCheck = QCheckBox(OffersTab)
        self.expiredCheck.setObjectName(u"expiredCheck")

        self.validityLayout.addWidget(self.expiredCheck)

        self.freeCheck = QCheckBox(OffersTab)
        self.freeCheck.setObjectName(u"freeCheck")

        self.validityLayout.addWidget(self.freeCheck)

        self.validitySpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.validityLayout.addItem(self.validitySpacer)


        self.tabLayout.addLayout(self.validityLayout)

        self.splitter = QSplitter(OffersTab)
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

        self.noticeLabel = QLabel(self.listPanel)
        self.noticeLabel.setObjectName(u"noticeLabel")
        self.noticeLabel.setText(u"")
        self.noticeLabel.setWordWrap(True)

        self.listLayout.addWidget(self.noticeLabel)

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
        self.ageLabel.setBuddy(self.ageSpin)
        self.languageLabel.setBuddy(self.languageCombo)
        self.municipalityLabel.setBuddy(self.municipalityCombo)
        self.validLabel.setBuddy(self.validDate)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.kindCombo)
        QWidget.setTabOrder(self.kindCombo, self.ageSpin)
        QWidget.setTabOrder(self.ageSpin, self.languageCombo)
        QWidget.setTabOrder(self.languageCombo, self.municipalityCombo)
        QWidget.setTabOrder(self.municipalityCombo, self.neighboursCheck)
        QWidget.setTabOrder(self.neighboursCheck, self.validDate)
        QWidget.setTabOrder(self.validDate, self.expiredCheck)
        QWidget.setTabOrder(self.expiredCheck, self.freeCheck)
        QWidget.setTabOrder(self.freeCheck, self.table)
        QWidget.setTabOrder(self.table, self.detailView)

        self.retranslateUi(OffersTab)

        QMetaObject.connectSlotsByName(OffersTab)
    # setupUi

    def retranslateUi(self, OffersTab):
#if QT_CONFIG(accessibility)
        OffersTab.setAccessibleName(_("Angebote"))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(_("&Suche:"))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(_("Angebote suchen"))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(_("Titel, Träger, Ort, Sprache oder Stichwort – z. B. Kurs, Hausaufgaben, Südlohn"))
        self.kindLabel.setText(_("&Kategorie:"))
#if QT_CONFIG(accessibility)
        self.kindCombo.setAccessibleName(_("Nach Kategorie filtern"))
#endif // QT_CONFIG(accessibility)
        self.ageLabel.setText(_("Al&ter:"))
#if QT_CONFIG(tooltip)
        self.ageSpin.setToolTip(_("Alter des Kindes in Jahren; Angebote, deren Altersbereich es einschließt"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.ageSpin.setAccessibleName(_("Alter des Kindes"))
#endif // QT_CONFIG(accessibility)
        self.ageSpin.setSpecialValueText(_("alle"))
        self.languageLabel.setText(_("S&prache:"))
#if QT_CONFIG(accessibility)
        self.languageCombo.setAccessibleName(_("Nach Sprache filtern"))
#endif // QT_CONFIG(accessibility)
        self.municipalityLabel.setText(_("&Gemeinde:"))
#if QT_CONFIG(accessibility)
        self.municipalityCombo.setAccessibleName(_("Nach Gemeinde filtern"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.neighboursCheck.setToolTip(_("Auch Gemeinden, deren Mitte höchstens 15 km entfernt ist"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.neighboursCheck.setAccessibleName(_("Nachbargemeinden einbeziehen"))
#endif // QT_CONFIG(accessibility)
        self.neighboursCheck.setText(_("&Nachbargemeinden"))
        self.validLabel.setText(_("gültig a&m:"))
#if QT_CONFIG(tooltip)
        self.validDate.setToolTip(_("Nur Angebote, die an diesem Tag gelten"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.validDate.setAccessibleName(_("Gültig am"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.expiredCheck.setToolTip(_("Auch Angebote zeigen, die abgelaufen sind oder noch nicht gelten"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.expiredCheck.setAccessibleName(_("Abgelaufene Angebote zeigen"))
#endif // QT_CONFIG(accessibility)
        self.expiredCheck.setText(_("a&bgelaufene zeigen"))
#if QT_CONFIG(tooltip)
        self.freeCheck.setToolTip(_("Nur Angebote ohne Kosten für die Familie"))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.freeCheck.setAccessibleName(_("Nur kostenlose Angebote"))
#endif // QT_CONFIG(accessibility)
        self.freeCheck.setText(_("nur k&ostenlos"))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(_("Angebotsliste"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.noticeLabel.setAccessibleName(_("Hinweis zur Suche"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.countLabel.setAccessibleName(_("Anzahl der Angebote"))
#endif // QT_CONFIG(accessibility)
        self.detailGroup.setTitle(_("Ausgewähltes Angebot"))
#if QT_CONFIG(accessibility)
        self.detailView.setAccessibleName(_("Angaben zum ausgewählten Angebot"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
