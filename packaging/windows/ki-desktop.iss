; Inno Setup script for KI Desktop: a per-user installer of the one-folder build.
;
; Needs Inno Setup 6.3 or later (for "x64compatible"). Build the bundle on Windows first
; (dist\ki-desktop\ki-desktop.exe with its _internal\ folder, from packaging\ki_desktop.spec),
; then from the repository root:
;
;     iscc /DAppVersion=0.1.0 packaging\windows\ki-desktop.iss
;
; The installer is written to dist\ki-desktop-<version>-setup.exe. It installs for the current
; user only (no administrator rights, no UAC prompt) into %LOCALAPPDATA%\Programs\KI Desktop,
; adds a Start menu entry (and optionally a desktop icon), speaks German and English, and
; registers an uninstaller (Settings > Apps). An administrator can still install for all
; users from the command line with /ALLUSERS (into Program Files).
;
; Uninstalling removes the program files only. The user's data stay where the application
; keeps them (ki_desktop.paths, platformdirs with author "KI-NRW" and name "ki-desktop"):
;   %LOCALAPPDATA%\KI-NRW\ki-desktop\       the database ki-desktop.sqlite and its copies
;                                           made before schema updates
;   %LOCALAPPDATA%\KI-NRW\ki-desktop\Logs\  the log file
;   HKCU\Software\KI-NRW\ki-desktop         window layout, UI language (QSettings)
; So nothing below may delete them: [UninstallDelete] and [InstallDelete] touch {app} only,
; there is no [Registry] entry with an uninsdelete flag and no [Code] that deletes files.
; tests/packaging/test_installer_script.py checks these rules.
;
; The script is plain ASCII: Inno Setup reads a file without a UTF-8 byte order mark in the
; system's ANSI code page.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "KI Desktop"
#define AppExeName "ki-desktop.exe"
#define AppPublisher "KI-NRW"
#define BuildDir "..\..\dist\ki-desktop"

[Setup]
; The AppId identifies the application for upgrades and the uninstaller: never change it.
AppId={{F064504C-755D-410A-8FE8-516054A416D8}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user installation: {autopf} becomes %LOCALAPPDATA%\Programs, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
; PySide6 (Qt 6) runs on Windows 10 and later only.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ki-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\ki-desktop.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
german.AppComment=Seiteneinsteigerberatung der Kommunalen Integrationszentren
english.AppComment=Counselling of newly arrived pupils by the Municipal Integration Centres

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundled libraries completely, so that no file of an older version
; is left beside the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\{#AppExeName}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuildDir}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder, and only when the uninstaller has emptied it (the user's data are
; not in it, see above).
Type: dirifempty; Name: "{app}"
