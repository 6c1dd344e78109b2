# Generated from ui/override_dialog.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QGridLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_OverrideDialog(object):
    def setupUi(self, OverrideDialog):
        if not OverrideDialog.objectName():
            OverrideDialog.setObjectName(u"OverrideDialog")
        OverrideDialog.resize(980, 560)
        self.dialogLayout = QVBoxLayout(OverrideDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(OverrideDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.grid = QGridLayout()
        self.grid.setObjectName(u"grid")
        self.rulesHeader = QLabel(OverrideDialog)
        self.rulesHeader.setObjectName(u"rulesHeader")

        self.grid.addWidget(self.rulesHeader, 0, 1, 1, 1)

        self.newHeader = QLabel(OverrideDialog)
        self.newHeader.setObjectName(u"newHeader")

        self.grid.addWidget(self.newHeader, 0, 2, 1, 1)

        self.reasonHeader = QLabel(OverrideDialog)
        self.reasonHeader.setObjectName(u"reasonHeader")

        self.grid.addWidget(self.reasonHeader, 0, 3, 1, 1)

        self.stageCaption = QLabel(OverrideDialog)
        self.stageCaption.setObjectName(u"stageCaption")
        self.stageCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.stageCaption, 1, 0, 1, 1)

        self.stageRule = QLabel(OverrideDialog)
        self.stageRule.setObjectName(u"stageRule")
        self.stageRule.setText(u"")
        self.stageRule.setWordWrap(True)
        self.stageRule.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.stageRule, 1, 1, 1, 1)

        self.stageEdit = QComboBox(OverrideDialog)
        self.stageEdit.setObjectName(u"stageEdit")

        self.grid.addWidget(self.stageEdit, 1, 2, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.stageReason = QLineEdit(OverrideDialog)
        self.stageReason.setObjectName(u"stageReason")

        self.grid.addWidget(self.stageReason, 1, 3, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.gradeCaption = QLabel(OverrideDialog)
        self.gradeCaption.setObjectName(u"gradeCaption")
        self.gradeCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.gradeCaption, 2, 0, 1, 1)

        self.gradeRule = QLabel(OverrideDialog)
        self.gradeRule.setObjectName(u"gradeRule")
        self.gradeRule.setText(u"")
        self.gradeRule.setWordWrap(True)
        self.gradeRule.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.gradeRule, 2, 1, 1, 1)

        self.gradeEdit = QSpinBox(OverrideDialog)
        self.gradeEdit.setObjectName(u"gradeEdit")
        self.gradeEdit.setMinimum(0)
        self.gradeEdit.setMaximum(13)

        self.grid.addWidget(self.gradeEdit, 2, 2, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.gradeReason = QLineEdit(OverrideDialog)
        self.gradeReason.setObjectName(u"gradeReason")

        self.grid.addWidget(self.gradeReason, 2, 3, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.supportCaption = QLabel(OverrideDialog)
        self.supportCaption.setObjectName(u"supportCaption")
        self.supportCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.supportCaption, 3, 0, 1, 1)

        self.supportRule = QLabel(OverrideDialog)
        self.supportRule.setObjectName(u"supportRule")
        self.supportRule.setText(u"")
        self.supportRule.setWordWrap(True)
        self.supportRule.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.supportRule, 3, 1, 1, 1)

        self.supportEdit = QListWidget(OverrideDialog)
        self.supportEdit.setObjectName(u"supportEdit")

        self.grid.addWidget(self.supportEdit, 3, 2, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.supportReason = QLineEdit(OverrideDialog)
        self.supportReason.setObjectName(u"supportReason")

        self.grid.addWidget(self.supportReason, 3, 3, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.formsCaption = QLabel(OverrideDialog)
        self.formsCaption.setObjectName(u"formsCaption")
        self.formsCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.formsCaption, 4, 0, 1, 1)

        self.formsRule = QLabel(OverrideDialog)
        self.formsRule.setObjectName(u"formsRule")
        self.formsRule.setText(u"")
        self.formsRule.setWordWrap(True)
        self.formsRule.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.formsRule, 4, 1, 1, 1)

        self.formsEdit = QListWidget(OverrideDialog)
        self.formsEdit.setObjectName(u"formsEdit")

        self.grid.addWidget(self.formsEdit, 4, 2, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.formsReason = QLineEdit(OverrideDialog)
        self.formsReason.setObjectName(u"formsReason")

        self.grid.addWidget(self.formsReason, 4, 3, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.schoolCaption = QLabel(OverrideDialog)
        self.schoolCaption.setObjectName(u"schoolCaption")
        self.schoolCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.schoolCaption, 5, 0, 1, 1)

        self.schoolRule = QLabel(OverrideDialog)
        self.schoolRule.setObjectName(u"schoolRule")
        self.schoolRule.setText(u"")
        self.schoolRule.setWordWrap(True)
        self.schoolRule.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.grid.addWidget(self.schoolRule, 5, 1, 1, 1)

        self.schoolEdit = QComboBox(OverrideDialog)
        self.schoolEdit.setObjectName(u"schoolEdit")

        self.grid.addWidget(self.schoolEdit, 5, 2, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.schoolReason = QLineEdit(OverrideDialog)
        self.schoolReason.setObjectName(u"schoolReason")

        self.grid.addWidget(self.schoolReason, 5, 3, 1, 1, Qt.AlignmentFlag.AlignTop)


        self.dialogLayout.addLayout(self.grid)

        self.hintLabel = QLabel(OverrideDialog)
        self.hintLabel.setObjectName(u"hintLabel")
        self.hintLabel.setText(u"")
        self.hintLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.hintLabel)

        self.buttonBox = QDialogButtonBox(OverrideDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.stageCaption.setBuddy(self.stageEdit)
        self.gradeCaption.setBuddy(self.gradeEdit)
        self.supportCaption.setBuddy(self.supportEdit)
        self.formsCaption.setBuddy(self.formsEdit)
        self.schoolCaption.setBuddy(self.schoolEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.stageEdit, self.stageReason)
        QWidget.setTabOrder(self.stageReason, self.gradeEdit)
        QWidget.setTabOrder(self.gradeEdit, self.gradeReason)
        QWidget.setTabOrder(self.gradeReason, self.supportEdit)
        QWidget.setTabOrder(self.supportEdit, self.supportReason)
        QWidget.setTabOrder(self.supportReason, self.formsEdit)
        QWidget.setTabOrder(self.formsEdit, self.formsReason)
        QWidget.setTabOrder(self.formsReason, self.schoolEdit)
        QWidget.setTabOrder(self.schoolEdit, self.schoolReason)
        QWidget.setTabOrder(self.schoolReason, self.buttonBox)

        self.retranslateUi(OverrideDialog)
        self.buttonBox.accepted.connect(OverrideDialog.accept)
        self.buttonBox.rejected.connect(OverrideDialog.reject)

        QMetaObject.connectSlotsByName(OverrideDialog)
    # setupUi

    def retranslateUi(self, OverrideDialog):
        OverrideDialog.setWindowTitle(_("Von der Empfehlung abweichen"))
#if QT_CONFIG(accessibility)
        OverrideDialog.setAccessibleName(_("Von der Empfehlung abweichen"))
#endif // QT_CONFIG(accessibility)
        self.introLabel.setText(_("Ändern Sie, was nicht passt. Jede Änderung braucht eine Begründung; sie wird mit der Empfehlung im Verlauf des Falls gespeichert."))
        self.rulesHeader.setText(_("Empfehlung der Regeln"))
        self.newHeader.setText(_("Neu"))
        self.reasonHeader.setText(_("Begründung (Pflicht bei Änderung)"))
        self.stageCaption.setText(_("&Stufe:"))
#if QT_CONFIG(accessibility)
        self.stageRule.setAccessibleName(_("Empfehlung der Regeln: Stufe"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stageEdit.setAccessibleName(_("Neue Stufe"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.stageReason.setAccessibleName(_("Begründung: Stufe"))
#endif // QT_CONFIG(accessibility)
        self.stageReason.setPlaceholderText(_("Warum weichen Sie ab?"))
        self.gradeCaption.setText(_("&Jahrgangsstufe:"))
#if QT_CONFIG(accessibility)
        self.gradeRule.setAccessibleName(_("Empfehlung der Regeln: Jahrgangsstufe"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.gradeEdit.setAccessibleName(_("Neue Jahrgangsstufe"))
#endif // QT_CONFIG(accessibility)
        self.gradeEdit.setSpecialValueText(_("keine"))
#if QT_CONFIG(accessibility)
        self.gradeReason.setAccessibleName(_("Begründung: Jahrgangsstufe"))
#endif // QT_CONFIG(accessibility)
        self.gradeReason.setPlaceholderText(_("Warum weichen Sie ab?"))
        self.supportCaption.setText(_("&Erstförderung:"))
#if QT_CONFIG(accessibility)
        self.supportRule.setAccessibleName(_("Empfehlung der Regeln: Erstförderung"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.supportEdit.setAccessibleName(_("Erstförderung ankreuzen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.supportReason.setAccessibleName(_("Begründung: Erstförderung"))
#endif // QT_CONFIG(accessibility)
        self.supportReason.setPlaceholderText(_("Warum weichen Sie ab?"))
        self.formsCaption.setText(_("Schul&formen:"))
#if QT_CONFIG(accessibility)
        self.formsRule.setAccessibleName(_("Empfehlung der Regeln: Schulformen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.formsEdit.setAccessibleName(_("Schulformen ankreuzen, erste passt am besten"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.formsReason.setAccessibleName(_("Begründung: Schulformen"))
#endif // QT_CONFIG(accessibility)
        self.formsReason.setPlaceholderText(_("Warum weichen Sie ab?"))
        self.schoolCaption.setText(_("Sc&hule:"))
#if QT_CONFIG(accessibility)
        self.schoolRule.setAccessibleName(_("Empfehlung der Regeln: Schule"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.schoolEdit.setAccessibleName(_("Vorgeschlagene Schule"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.schoolReason.setAccessibleName(_("Begründung: Schule"))
#endif // QT_CONFIG(accessibility)
        self.schoolReason.setPlaceholderText(_("Warum weichen Sie ab?"))
#if QT_CONFIG(accessibility)
        self.hintLabel.setAccessibleName(_("Warum OK nicht möglich ist"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
