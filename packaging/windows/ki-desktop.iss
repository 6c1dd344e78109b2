; Inno Setup script for KI Desktop: a per-user installer of the one-folder build.
;
; NOT TESTED: this script has not been compiled or run yet; it needs Windows with Inno Setup 6.
; Build the bundle on Windows first (dist\ki-desktop\ki-desktop.exe with its _internal\
; folder, from packaging\ki_desktop.spec), then from the repository root:
;
;     iscc /DAppVersion=0.1.0 packaging\windows\ki-desktop.iss
;
; The installer is written to dist\ki-desktop-<version>-setup.exe. It installs for the current
; user only (no administrator rights) into %LOCALAPPDATA%\Programs\KI Desktop, adds a Start
; menu entry (and optionally a desktop icon), speaks German and English, and registers an
; uninstaller. Uninstalling removes the program files only: the database, settings and logs
; in the user's data folders are kept.

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
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user installation: {autopf} becomes %LOCALAPPDATA%\Programs, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
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
Type: dirifempty; Name: "{app}"
