# Generated from ui/recommendation_panel.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QFormLayout, QFrame,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QListWidget, QListWidgetItem, QPushButton, QScrollArea,
    QSizePolicy, QSpacerItem, QSplitter, QStackedWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_RecommendationPanel(object):
    def setupUi(self, RecommendationPanel):
        if not RecommendationPanel.objectName():
            RecommendationPanel.setObjectName(u"RecommendationPanel")
        RecommendationPanel.resize(1200, 680)
        self.panelLayout = QVBoxLayout(RecommendationPanel)
        self.panelLayout.setObjectName(u"panelLayout")
        self.panelLayout.setContentsMargins(6, 6, 6, 6)
        self.caseLabel = QLabel(RecommendationPanel)
        self.caseLabel.setObjectName(u"caseLabel")
        self.caseLabel.setText(u"")
        self.caseLabel.setWordWrap(True)
        self.caseLabel.setTextFormat(Qt.TextFormat.RichText)
        self.caseLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.panelLayout.addWidget(self.caseLabel)

        self.stack = QStackedWidget(RecommendationPanel)
        self.stack.setObjectName(u"stack")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyLabel = QLabel(self.emptyPage)
        self.emptyLabel.setObjectName(u"emptyLabel")
        self.emptyLabel.setText(u"")
        self.emptyLabel.setWordWrap(True)
        self.emptyLabel.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.emptyLayout.addWidget(self.emptyLabel)

        self.stack.addWidget(self.emptyPage)
        self.contentPage = QWidget()
        self.contentPage.setObjectName(u"contentPage")
        self.contentLayout = QVBoxLayout(self.contentPage)
        self.contentLayout.setObjectName(u"contentLayout")
        self.contentLayout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(self.contentPage)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.leftScroll = QScrollArea(self.splitter)
        self.leftScroll.setObjectName(u"leftScroll")
        self.leftScroll.setWidgetResizable(True)
        self.leftScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.leftPanel = QWidget()
        self.leftPanel.setObjectName(u"leftPanel")
        self.leftLayout = QVBoxLayout(self.leftPanel)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.recommendationGroup = QGroupBox(self.leftPanel)
        self.recommendationGroup.setObjectName(u"recommendationGroup")
        self.recommendationForm = QFormLayout(self.recommendationGroup)
        self.recommendationForm.setObjectName(u"recommendationForm")
        self.stateCaption = QLabel(self.recommendationGroup)
        self.stateCaption.setObjectName(u"stateCaption")

        self.recommendationForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.stateCaption)

        self.stateValue = QLabel(self.recommendationGroup)
        self.stateValue.setObjectName(u"stateValue")
        self.stateValue.setText(u"")
        self.stateValue.setWordWrap(True)
        self.stateValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.stateValue)

        self.compulsoryCaption = QLabel(self.recommendationGroup)
        self.compulsoryCaption.setObjectName(u"compulsoryCaption")

        self.recommendationForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.compulsoryCaption)

        self.compulsoryValue = QLabel(self.recommendationGroup)
        self.compulsoryValue.setObjectName(u"compulsoryValue")
        self.compulsoryValue.setText(u"")
        self.compulsoryValue.setWordWrap(True)
        self.compulsoryValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.compulsoryValue)

        self.schoolYearCaption = QLabel(self.recommendationGroup)
        self.schoolYearCaption.setObjectName(u"schoolYearCaption")

        self.recommendationForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.schoolYearCaption)

        self.schoolYearValue = QLabel(self.recommendationGroup)
        self.schoolYearValue.setObjectName(u"schoolYearValue")
        self.schoolYearValue.setText(u"")
        self.schoolYearValue.setWordWrap(True)
        self.schoolYearValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.schoolYearValue)

        self.stageCaption = QLabel(self.recommendationGroup)
        self.stageCaption.setObjectName(u"stageCaption")

        self.recommendationForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.stageCaption)

        self.stageValue = QLabel(self.recommendationGroup)
        self.stageValue.setObjectName(u"stageValue")
        self.stageValue.setText(u"")
        self.stageValue.setWordWrap(True)
        self.stageValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.stageValue)

        self.gradeCaption = QLabel(self.recommendationGroup)
        self.gradeCaption.setObjectName(u"gradeCaption")

        self.recommendationForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.gradeCaption)

        self.gradeValue = QLabel(self.recommendationGroup)
        self.gradeValue.setObjectName(u"gradeValue")
        self.gradeValue.setText(u"")
        self.gradeValue.setWordWrap(True)
        self.gradeValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.gradeValue)

        self.supportCaption = QLabel(self.recommendationGroup)
        self.supportCaption.setObjectName(u"supportCaption")

        self.recommendationForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.supportCaption)

        self.supportValue = QLabel(self.recommendationGroup)
        self.supportValue.setObjectName(u"supportValue")
        self.supportValue.setText(u"")
        self.supportValue.setWordWrap(True)
        self.supportValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.supportValue)

        self.formsCaption = QLabel(self.recommendationGroup)
        self.formsCaption.setObjectName(u"formsCaption")

        self.recommendationForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.formsCaption)

        self.formsValue = QLabel(self.recommendationGroup)
        self.formsValue.setObjectName(u"formsValue")
        self.formsValue.setText(u"")
        self.formsValue.setWordWrap(True)
        self.formsValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.formsValue)

        self.schoolCaption = QLabel(self.recommendationGroup)
        self.schoolCaption.setObjectName(u"schoolCaption")

        self.recommendationForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.schoolCaption)

        self.schoolValue = QLabel(self.recommendationGroup)
        self.schoolValue.setObjectName(u"schoolValue")
        self.schoolValue.setText(u"")
        self.schoolValue.setWordWrap(True)
        self.schoolValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.schoolValue)

        self.rulesCaption = QLabel(self.recommendationGroup)
        self.rulesCaption.setObjectName(u"rulesCaption")

        self.recommendationForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.rulesCaption)

        self.rulesValue = QLabel(self.recommendationGroup)
        self.rulesValue.setObjectName(u"rulesValue")
        self.rulesValue.setText(u"")
        self.rulesValue.setWordWrap(True)
        self.rulesValue.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.recommendationForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.rulesValue)


        self.leftLayout.addWidget(self.recommendationGroup)

        self.reasonsGroup = QGroupBox(self.leftPanel)
        self.reasonsGroup.setObjectName(u"reasonsGroup")
        self.reasonsLayout = QVBoxLayout(self.reasonsGroup)
        self.reasonsLayout.setObjectName(u"reasonsLayout")
        self.reasonsList = QListWidget(self.reasonsGroup)
        self.reasonsList.setObjectName(u"reasonsList")
        self.reasonsList.setWordWrap(True)
        self.reasonsList.setAlternatingRowColors(True)
        self.reasonsList.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.reasonsList.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.reasonsList.setUniformItemSizes(False)

        self.reasonsLayout.addWidget(self.reasonsList)


        self.leftLayout.addWidget(self.reasonsGroup)

        self.leftScroll.setWidget(self.leftPanel)
        self.splitter.addWidget(self.leftScroll)
        self.schoolsGroup = QGroupBox(self.splitter)
        self.schoolsGroup.setObjectName(u"schoolsGroup")
        self.schoolsLayout = QVBoxLayout(self.schoolsGroup)
        self.schoolsLayout.setObjectName(u"schoolsLayout")
        self.schoolTable = QTableWidget(self.schoolsGroup)
        self.schoolTable.setObjectName(u"schoolTable")
        self.schoolTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.schoolTable.setTabKeyNavigation(False)
        self.schoolTable.setAlternatingRowColors(True)
        self.schoolTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.schoolTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.schoolTable.setWordWrap(False)
        self.schoolTable.horizontalHeader().setHighlightSections(False)
        self.schoolTable.verticalHeader().setVisible(False)

        self.schoolsLayout.addWidget(self.schoolTable)

        self.schoolHintLabel = QLabel(self.schoolsGroup)
        self.schoolHintLabel.setObjectName(u"schoolHintLabel")
        self.schoolHintLabel.setWordWrap(True)

        self.schoolsLayout.addWidget(self.schoolHintLabel)

        self.splitter.addWidget(self.schoolsGroup)

        self.contentLayout.addWidget(self.splitter)

        self.buttonLayout = QHBoxLayout()
        self.buttonLayout.setObjectName(u"buttonLayout")
        self.assignButton = QPushButton(self.contentPage)
        self.assignButton.setObjectName(u"assignButton")

        self.buttonLayout.addWidget(self.assignButton)

        self.startButton = QPushButton(self.contentPage)
        self.startButton.setObjectName(u"startButton")

        self.buttonLayout.addWidget(self.startButton)

        self.letterButton = QPushButton(self.contentPage)
        self.letterButton.setObjectName(u"letterButton")

        self.buttonLayout.addWidget(self.letterButton)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonLayout.addItem(self.buttonSpacer)

        self.overrideButton = QPushButton(self.contentPage)
        self.overrideButton.setObjectName(u"overrideButton")

        self.buttonLayout.addWidget(self.overrideButton)

        self.acceptButton = QPushButton(self.contentPage)
        self.acceptButton.setObjectName(u"acceptButton")

        self.buttonLayout.addWidget(self.acceptButton)


        self.contentLayout.addLayout(self.buttonLayout)

        self.stack.addWidget(self.contentPage)

        self.panelLayout.addWidget(self.stack)

        QWidget.setTabOrder(self.reasonsList, self.schoolTable)
        QWidget.setTabOrder(self.schoolTable, self.assignButton)
        QWidget.setTabOrder(self.assignButton, self.startButton)
        QWidget.setTabOrder(self.startButton, self.letterButton)
        QWidget.setTabOrder(self.letterButton, self.overrideButton)
        QWidget.setTabOrder(self.overrideButton, self.acceptButton)

        self.retranslateUi(RecommendationPanel)

        self.acceptButton.setDefault(True)


        QMetaObject.connectSlotsByName(RecommendationPanel)
    # setupUi

    def retranslateUi(self, RecommendationPanel):
#if QT_CONFIG(accessibility)
        RecommendationPanel.setAccessibleName(_("Empfehlung für den geöffneten Fall"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caseLabel.setAccessibleName(_("Geöffneter Fall"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.emptyLabel.setAccessibleName(_("Hinweis"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.leftScroll.setAccessibleName(_("Empfehlung und Begründung"))
#endif // QT_CONFIG(accessibility)
        self.recommendationGroup.setTitle(_("Empfehlung"))
        self.stateCaption.setText(_("Stand:"))
#if QT_CONFIG(accessibility)
        self.stateValue.setAccessibleName(_("Stand der Empfehlung"))
#endif // QT_CONFIG(accessibility)
        self.compulsoryCaption.setText(_("Schulpflicht:"))
#if QT_CONFIG(accessibility)
        self.compulsoryValue.setAccessibleName(_("Schulpflicht"))
#endif // QT_CONFIG(accessibility)
        self.schoolYearCaption.setText(_("Schuljahr:"))
#if QT_CONFIG(accessibility)
        self.schoolYearValue.setAccessibleName(_("Schuljahr"))
#endif // QT_CONFIG(accessibility)
        self.stageCaption.setText(_("Stufe:"))
#if QT_CONFIG(accessibility)
        self.stageValue.setAccessibleName(_("Stufe"))
#endif // QT_CONFIG(accessibility)
        self.gradeCaption.setText(_("Jahrgangsstufe:"))
#if QT_CONFIG(accessibility)
        self.gradeValue.setAccessibleName(_("Jahrgangsstufe"))
#endif // QT_CONFIG(accessibility)
        self.supportCaption.setText(_("Erstförderung:"))
#if QT_CONFIG(accessibility)
        self.supportValue.setAccessibleName(_("Erstförderung und Dauer"))
#endif // QT_CONFIG(accessibility)
        self.formsCaption.setText(_("Schulformen:"))
#if QT_CONFIG(accessibility)
        self.formsValue.setAccessibleName(_("Schulformen in der Reihenfolge der Eignung"))
#endif // QT_CONFIG(accessibility)
        self.schoolCaption.setText(_("Vorgeschlagene Schule:"))
#if QT_CONFIG(accessibility)
        self.schoolValue.setAccessibleName(_("Vorgeschlagene Schule"))
#endif // QT_CONFIG(accessibility)
        self.rulesCaption.setText(_("Regelstand:"))
#if QT_CONFIG(accessibility)
        self.rulesValue.setAccessibleName(_("Regelstand"))
#endif // QT_CONFIG(accessibility)
        self.reasonsGroup.setTitle(_("Begründung"))
#if QT_CONFIG(accessibility)
        self.reasonsList.setAccessibleName(_("Begründungen der Empfehlung"))
#endif // QT_CONFIG(accessibility)
        self.schoolsGroup.setTitle(_("Schulen in der Nähe"))
#if QT_CONFIG(accessibility)
        self.schoolTable.setAccessibleName(_("Passende Schulen, nächste zuerst"))
#endif // QT_CONFIG(accessibility)
        self.schoolHintLabel.setText(_("Die ausgewählte Schule wird vorgeschlagen. Schulen ohne freie Erstförderplätze stehen am Ende."))
#if QT_CONFIG(accessibility)
        self.schoolHintLabel.setAccessibleName(_("Hinweis zur Schulauswahl"))
#endif // QT_CONFIG(accessibility)
        self.assignButton.setText(_("&Zuweisung eintragen…"))
#if QT_CONFIG(accessibility)
        self.assignButton.setAccessibleName(_("Zuweisung durch das Schulamt eintragen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.assignButton.setToolTip(_("Schule und Datum der Zuweisung durch das Schulamt eintragen"))
#endif // QT_CONFIG(tooltip)
        self.startButton.setText(_("Schulbe&ginn eintragen…"))
#if QT_CONFIG(accessibility)
        self.startButton.setAccessibleName(_("Schulbeginn eintragen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.startButton.setToolTip(_("Den ersten Schultag des Kindes eintragen"))
#endif // QT_CONFIG(tooltip)
        self.letterButton.setText(_("&Brief erstellen…"))
#if QT_CONFIG(accessibility)
        self.letterButton.setAccessibleName(_("Empfehlungsschreiben erstellen"))
#endif // QT_CONFIG(accessibility)
        self.overrideButton.setText(_("&Abweichen…"))
#if QT_CONFIG(accessibility)
        self.overrideButton.setAccessibleName(_("Von der Empfehlung abweichen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.overrideButton.setToolTip(_("Stufe, Jahrgangsstufe, Erstförderung, Schulformen oder Schule ändern; jede Änderung braucht eine Begründung"))
#endif // QT_CONFIG(tooltip)
        self.acceptButton.setText(_("Empfehlung &übernehmen"))
#if QT_CONFIG(accessibility)
        self.acceptButton.setAccessibleName(_("Empfehlung übernehmen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.acceptButton.setToolTip(_("Die Empfehlung mit allen Begründungen im Fall speichern (Strg+Eingabe)"))
#endif // QT_CONFIG(tooltip)
    # retranslateUi
