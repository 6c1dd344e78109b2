# Generated from ui/school_data_dialog.ui by packaging/compile_forms.py.
# Do not edit: change the .ui file in Qt Designer and run the script again.

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from ki_desktop.i18n import _

class Ui_SchoolDataDialog(object):
    def setupUi(self, SchoolDataDialog):
        if not SchoolDataDialog.objectName():
            SchoolDataDialog.setObjectName(u"SchoolDataDialog")
        SchoolDataDialog.resize(520, 380)
        self.dialogLayout = QVBoxLayout(SchoolDataDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.schoolLabel = QLabel(SchoolDataDialog)
        self.schoolLabel.setObjectName(u"schoolLabel")
        self.schoolLabel.setText(u"")
        self.schoolLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.schoolLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.placesCaption = QLabel(SchoolDataDialog)
        self.placesCaption.setObjectName(u"placesCaption")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.placesCaption)

        self.placesEdit = QSpinBox(SchoolDataDialog)
        self.placesEdit.setObjectName(u"placesEdit")
        self.placesEdit.setMaximum(999)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.placesEdit)

        self.freeCaption = QLabel(SchoolDataDialog)
        self.freeCaption.setObjectName(u"freeCaption")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.freeCaption)

        self.freeEdit = QSpinBox(SchoolDataDialog)
        self.freeEdit.setObjectName(u"freeEdit")
        self.freeEdit.setMaximum(999)

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.freeEdit)

        self.contactCaption = QLabel(SchoolDataDialog)
        self.contactCaption.setObjectName(u"contactCaption")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.contactCaption)

        self.contactEdit = QLineEdit(SchoolDataDialog)
        self.contactEdit.setObjectName(u"contactEdit")

        self.form.setWidget(2, QFormLayout.ItemRole.FieldRole, self.contactEdit)

        self.notesCaption = QLabel(SchoolDataDialog)
        self.notesCaption.setObjectName(u"notesCaption")
        self.notesCaption.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.notesCaption)

        self.notesEdit = QPlainTextEdit(SchoolDataDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.form.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.dialogLayout.addLayout(self.form)

        self.errorLabel = QLabel(SchoolDataDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setText(u"")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SchoolDataDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setOrientation(Qt.Orientation.Horizontal)
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.placesCaption.setBuddy(self.placesEdit)
        self.freeCaption.setBuddy(self.freeEdit)
        self.contactCaption.setBuddy(self.contactEdit)
        self.notesCaption.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.placesEdit, self.freeEdit)
        QWidget.setTabOrder(self.freeEdit, self.contactEdit)
        QWidget.setTabOrder(self.contactEdit, self.notesEdit)
        QWidget.setTabOrder(self.notesEdit, self.buttonBox)

        self.retranslateUi(SchoolDataDialog)
        self.buttonBox.accepted.connect(SchoolDataDialog.accept)
        self.buttonBox.rejected.connect(SchoolDataDialog.reject)

        QMetaObject.connectSlotsByName(SchoolDataDialog)
    # setupUi

    def retranslateUi(self, SchoolDataDialog):
        SchoolDataDialog.setWindowTitle(_("Schuldaten bearbeiten"))
#if QT_CONFIG(accessibility)
        SchoolDataDialog.setAccessibleName(_("Schuldaten bearbeiten"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.schoolLabel.setAccessibleName(_("Schule"))
#endif // QT_CONFIG(accessibility)
        self.placesCaption.setText(_("Erstförderplätze &gesamt:"))
#if QT_CONFIG(accessibility)
        self.placesEdit.setAccessibleName(_("Erstförderplätze gesamt"))
#endif // QT_CONFIG(accessibility)
        self.freeCaption.setText(_("davon &frei:"))
#if QT_CONFIG(accessibility)
        self.freeEdit.setAccessibleName(_("Freie Erstförderplätze"))
#endif // QT_CONFIG(accessibility)
        self.contactCaption.setText(_("&Ansprechperson:"))
#if QT_CONFIG(accessibility)
        self.contactEdit.setAccessibleName(_("Ansprechperson"))
#endif // QT_CONFIG(accessibility)
        self.contactEdit.setPlaceholderText(_("Name, Telefon oder E-Mail"))
        self.notesCaption.setText(_("&Notizen:"))
#if QT_CONFIG(accessibility)
        self.notesEdit.setAccessibleName(_("Notizen"))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.errorLabel.setAccessibleName(_("Fehler in der Eingabe"))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
