# Generated from ui/assignment_dialog.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from ki_desktop.i18n import _

class Ui_AssignmentDialog(object):
    def setupUi(self, AssignmentDialog):
        if not AssignmentDialog.objectName():
            AssignmentDialog.setObjectName(u"AssignmentDialog")
        AssignmentDialog.resize(620, 260)
        self.dialogLayout = QVBoxLayout(AssignmentDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(AssignmentDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setText(u"")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.schoolCaption = QLabel(AssignmentDialog)
        self.schoolCaption.setObjectName(u"schoolCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.schoolCaption)

        self.schoolCombo = QComboBox(AssignmentDialog)
        self.schoolCombo.setObjectName(u"schoolCombo")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.schoolCombo)

        self.numberCaption = QLabel(AssignmentDialog)
        self.numberCaption.setObjectName(u"numberCaption")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.numberCaption)

        self.numberEdit = QLineEdit(AssignmentDialog)
        self.numberEdit.setObjectName(u"numberEdit")
        self.numberEdit.setMaxLength(6)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.numberEdit)

        self.numberHint = QLabel(AssignmentDialog)
        self.numberHint.setObjectName(u"numberHint")
        self.numberHint.setText(u"")
        self.numberHint.setWordWrap(True)

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.numberHint)

        self.dateCaption = QLabel(AssignmentDialog)
        self.dateCaption.setObjectName(u"dateCaption")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.dateCaption)

        self.dateEdit = QDateEdit(AssignmentDialog)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.dateEdit)


        self.dialogLayout.addLayout(self.form)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(AssignmentDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.schoolCaption.setBuddy(self.schoolCombo)
        self.numberCaption.setBuddy(self.numberEdit)
        self.dateCaption.setBuddy(self.dateEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.schoolCombo, self.numberEdit)
        QWidget.setTabOrder(self.numberEdit, self.dateEdit)
        QWidget.setTabOrder(self.dateEdit, self.buttonBox)

        self.retranslateUi(AssignmentDialog)
        self.buttonBox.accepted.connect(AssignmentDialog.accept)
        self.buttonBox.rejected.connect(AssignmentDialog.reject)

        QMetaObject.connectSlotsByName(AssignmentDialog)
    # setupUi

    def retranslateUi(self, AssignmentDialog):
        AssignmentDialog.setWindowTitle(_("Zuweisung eintragen"))
#if QT_CONFIG(accessibility)
        AssignmentDialog.setAccessibleName(_("Zuweisung eintragen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.introLabel.setAccessibleName(_("Hinweis"))
#endif // QT_CONFIG(accessibility)
        self.schoolCaption.setText(_("&Schule:"))
#if QT_CONFIG(accessibility)
        self.schoolCombo.setAccessibleName(_("Zugewiesene Schule"))
#endif // QT_CONFIG(accessibility)
        self.numberCaption.setText(_("oder Schul&nummer:"))
#if QT_CONFIG(accessibility)
        self.numberEdit.setAccessibleName(_("Schulnummer der zugewiesenen Schule"))
#endif // QT_CONFIG(accessibility)
        self.numberEdit.setPlaceholderText(_("sechsstellige Schulnummer"))
#if QT_CONFIG(accessibility)
        self.numberHint.setAccessibleName(_("Gefundene Schule"))
#endif // QT_CONFIG(accessibility)
        self.dateCaption.setText(_("&Datum:"))
#if QT_CONFIG(accessibility)
        self.dateEdit.setAccessibleName(_("Datum"))
#endif // QT_CONFIG(accessibility)
        self.dateEdit.setDisplayFormat(_("dd.MM.yyyy"))
    # retranslateUi
