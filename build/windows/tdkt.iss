; Inno Setup 6.3+ script for "Thi đua - Khen thưởng" on Windows 10/11 x64.
; Built by build/windows/build_installer.ps1, which passes the version:
;     ISCC.exe /DAppVersion=0.1.0 build\windows\tdkt.iss
; Input: the PyInstaller one-folder bundle in build\dist\TDKT (override with /DBundleDir=...).
; Output: build\dist\TDKT-Setup-<version>.exe
;
; This file must stay UTF-8 *with* BOM: Inno Setup reads it as ANSI otherwise and the Vietnamese breaks.
;
; Per-user install by default (no administrator needed; lands in %LOCALAPPDATA%\Programs\TDKT); the
; first page lets an administrator choose "all users" instead. The uninstaller removes only what it
; installed: the clerk's data in %APPDATA%\TDKT (database, backups, logs) is never touched.

#ifndef AppVersion
  #error Pass the program version: ISCC.exe /DAppVersion=0.1.0 tdkt.iss
#endif
#ifndef BundleDir
  #define BundleDir AddBackslash(SourcePath) + "..\dist\TDKT"
#endif
#if !FileExists(BundleDir + "\TDKT.exe")
  #error The bundle is missing: run build\build_bundle.py first (TDKT.exe not found in the bundle folder)
#endif

#define AppTitle "Thi đua - Khen thưởng"
#define AppExe "TDKT.exe"
#define CliExe "tdkt-cli.exe"
#define PackageExt ".tdkt"
#define PackageProgId "TDKT.Package"
#define IconFile AddBackslash(SourcePath) + "..\..\resources\icons\tdkt.ico"
; Vietnamese is not among Inno Setup's official translations; use the community file when it is
; installed, otherwise English texts with the Vietnamese overrides in [Messages] below.
#define VietnameseIsl AddBackslash(CompilerPath) + "Languages\Vietnamese.isl"

[Setup]
; Never change AppId: Windows uses it to recognise upgrades and the uninstaller.
AppId={{B8B5A298-5939-4930-8F26-2C7AF4775C75}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=TDKT
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppTitle}
DefaultDirName={autopf}\TDKT
DisableProgramGroupPage=yes
DisableWelcomePage=no
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
CloseApplications=yes
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
Compression=lzma2/max
SolidCompression=yes
OutputDir=..\dist
OutputBaseFilename=TDKT-Setup-{#AppVersion}
UninstallDisplayName={#AppTitle}
UninstallDisplayIcon={app}\{#AppExe}
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif

[Languages]
#if FileExists(VietnameseIsl)
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#else
Name: "vi"; MessagesFile: "compiler:Default.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[LangOptions]
vi.LanguageName=Tiếng Việt
vi.LanguageID=$042A
vi.LanguageCodePage=0

[Messages]
; Vietnamese texts for every page this installer shows (the rest of Default.isl stays English).
vi.SetupAppTitle=Cài đặt
vi.SetupWindowTitle=Cài đặt - %1
vi.UninstallAppTitle=Gỡ cài đặt
vi.UninstallAppFullTitle=Gỡ cài đặt %1
vi.InformationTitle=Thông tin
vi.ConfirmTitle=Xác nhận
vi.ErrorTitle=Lỗi
vi.SetupAlreadyRunning=Chương trình cài đặt đang chạy.
vi.WindowsVersionNotSupported=Chương trình này không hỗ trợ phiên bản Windows trên máy tính của bạn.
vi.OnlyOnTheseArchitectures=Chương trình này chỉ cài được trên Windows dành cho các loại bộ xử lý sau:%n%n%1
vi.WinVersionTooLowError=Chương trình này cần %1 phiên bản %2 trở lên.
vi.SetupAppRunningError=Chương trình cài đặt thấy %1 đang chạy.%n%nHãy đóng chương trình đó rồi bấm Đồng ý để tiếp tục, hoặc bấm Hủy để thoát.
vi.UninstallAppRunningError=Chương trình gỡ cài đặt thấy %1 đang chạy.%n%nHãy đóng chương trình đó rồi bấm Đồng ý để tiếp tục, hoặc bấm Hủy để thoát.
vi.PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
vi.PrivilegesRequiredOverrideTaskDialogText1=%1 có thể cài cho mọi người dùng trên máy (cần quyền quản trị) hoặc chỉ cho riêng bạn.
vi.PrivilegesRequiredOverrideMsgBoxText1=%1 có thể cài cho mọi người dùng trên máy (nên chọn, nhưng cần quyền quản trị) hoặc chỉ cho riêng bạn.%n%nCài cho mọi người dùng?
vi.PrivilegesRequiredOverrideTaskDialogText2=%1 có thể cài chỉ cho riêng bạn hoặc cho mọi người dùng trên máy (cần quyền quản trị).
vi.PrivilegesRequiredOverrideMsgBoxText2=%1 có thể cài chỉ cho riêng bạn (nên chọn) hoặc cho mọi người dùng trên máy (cần quyền quản trị).%n%nChỉ cài cho riêng bạn?
vi.PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
vi.PrivilegesRequiredOverrideCurrentUser=Chỉ cài cho &riêng tôi
vi.PrivilegesRequiredOverrideRecommended=%1 (nên chọn)
vi.ErrorCreatingDir=Không tạo được thư mục "%1"
vi.ExitSetupTitle=Thoát cài đặt
vi.ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại chương trình cài đặt vào lúc khác.%n%nThoát cài đặt?
vi.AboutSetupMenuItem=&Giới thiệu chương trình cài đặt...
vi.AboutSetupTitle=Giới thiệu chương trình cài đặt
vi.ButtonBack=< &Quay lại
vi.ButtonNext=&Tiếp >
vi.ButtonInstall=&Cài đặt
vi.ButtonOK=Đồng ý
vi.ButtonCancel=Hủy
vi.ButtonYes=&Có
vi.ButtonYesToAll=Có &tất cả
vi.ButtonNo=&Không
vi.ButtonNoToAll=Kh&ông tất cả
vi.ButtonFinish=&Xong
vi.ButtonBrowse=&Chọn...
vi.ButtonWizardBrowse=C&họn...
vi.ButtonNewFolder=&Tạo thư mục mới
vi.SelectLanguageTitle=Chọn ngôn ngữ cài đặt
vi.SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt:
vi.ClickNext=Bấm Tiếp để tiếp tục, hoặc Hủy để thoát.
vi.BrowseDialogTitle=Chọn thư mục
vi.BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây rồi bấm Đồng ý.
vi.NewFolderName=Thư mục mới
vi.WelcomeLabel1=Chào mừng đến với chương trình cài đặt [name]
vi.WelcomeLabel2=Chương trình sẽ cài [name/ver] vào máy tính của bạn.%n%nNên đóng các chương trình khác trước khi tiếp tục.
vi.WizardSelectDir=Chọn nơi cài đặt
vi.SelectDirDesc=Cài [name] vào đâu?
vi.SelectDirLabel3=[name] sẽ được cài vào thư mục sau.
vi.SelectDirBrowseLabel=Bấm Tiếp để tiếp tục. Muốn chọn thư mục khác, bấm Chọn.
vi.DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng đĩa trống.
vi.DiskSpaceWarningTitle=Không đủ dung lượng đĩa
vi.DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nVẫn tiếp tục?
vi.InvalidPath=Hãy nhập đường dẫn đầy đủ có ký tự ổ đĩa, ví dụ:%n%nC:\TDKT
vi.DirExistsTitle=Thư mục đã có
vi.DirExists=Thư mục:%n%n%1%n%nđã có. Vẫn cài vào thư mục này?
vi.DirDoesntExistTitle=Thư mục chưa có
vi.DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Tạo thư mục này?
vi.WizardSelectTasks=Chọn việc làm thêm
vi.SelectTasksDesc=Cần làm thêm những việc nào?
vi.SelectTasksLabel2=Chọn những việc cần làm thêm khi cài [name], rồi bấm Tiếp.
vi.WizardReady=Sẵn sàng cài đặt
vi.ReadyLabel1=Đã sẵn sàng cài [name] vào máy tính của bạn.
vi.ReadyLabel2a=Bấm Cài đặt để bắt đầu, hoặc Quay lại để xem lại hay thay đổi lựa chọn.
vi.ReadyLabel2b=Bấm Cài đặt để bắt đầu.
vi.ReadyMemoDir=Nơi cài đặt:
vi.ReadyMemoTasks=Việc làm thêm:
vi.WizardPreparing=Chuẩn bị cài đặt
vi.PreparingDesc=Đang chuẩn bị cài [name] vào máy tính của bạn.
vi.CannotContinue=Không thể tiếp tục cài đặt. Hãy bấm Hủy để thoát.
vi.ApplicationsFound=Các chương trình sau đang dùng tệp cần cập nhật. Nên để chương trình cài đặt tự đóng chúng.
vi.ApplicationsFound2=Các chương trình sau đang dùng tệp cần cập nhật. Nên để chương trình cài đặt tự đóng chúng; cài xong sẽ mở lại.
vi.CloseApplications=&Tự đóng các chương trình này
vi.DontCloseApplications=&Không đóng các chương trình này
vi.WizardInstalling=Đang cài đặt
vi.InstallingLabel=Xin chờ trong khi [name] được cài vào máy tính của bạn.
vi.FinishedHeadingLabel=Hoàn tất cài đặt [name]
vi.FinishedLabelNoIcons=Đã cài xong [name] vào máy tính của bạn.
vi.FinishedLabel=Đã cài xong [name] vào máy tính của bạn. Có thể mở chương trình bằng các lối tắt vừa tạo.
vi.ClickFinish=Bấm Xong để thoát.
vi.RunEntryExec=Mở %1
vi.SetupAborted=Việc cài đặt chưa xong.%n%nHãy khắc phục lỗi rồi chạy lại chương trình cài đặt.
vi.StatusClosingApplications=Đang đóng các chương trình...
vi.StatusCreateDirs=Đang tạo thư mục...
vi.StatusExtractFiles=Đang chép tệp...
vi.StatusCreateIcons=Đang tạo lối tắt...
vi.StatusCreateRegistryEntries=Đang ghi vào registry...
vi.StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
vi.StatusRunProgram=Đang hoàn tất...
vi.StatusRollback=Đang hoàn tác các thay đổi...
vi.UninstallDisplayNameMarkAllUsers=Mọi người dùng
vi.UninstallDisplayNameMarkCurrentUser=Người dùng hiện tại
vi.ConfirmUninstall=Bạn có chắc muốn gỡ bỏ %1? Dữ liệu của bạn (cơ sở dữ liệu, bản sao lưu) vẫn được giữ nguyên.
vi.UninstallStatusLabel=Xin chờ trong khi %1 được gỡ khỏi máy tính của bạn.
vi.UninstalledAll=Đã gỡ %1 khỏi máy tính của bạn.
vi.UninstalledMost=Đã gỡ %1.%n%nCòn một số thành phần không gỡ được; bạn có thể tự xóa chúng.
vi.WizardUninstalling=Tình trạng gỡ cài đặt
vi.StatusUninstalling=Đang gỡ %1...
en.ConfirmUninstall=Are you sure you want to remove %1? Your data (database, backups) is kept.

[CustomMessages]
vi.NameAndVersion=%1 phiên bản %2
vi.AdditionalIcons=Lối tắt:
vi.CreateDesktopIcon=Tạo lối tắt trên &màn hình Desktop
vi.UninstallProgram=Gỡ cài đặt %1
vi.LaunchProgram=Mở %1
vi.FileAssociations=Liên kết tệp:
vi.AssocFileExtension=&Mở tệp %2 bằng %1
vi.PackageFileType=Gói dữ liệu thi đua - khen thưởng
vi.DataKept=Dữ liệu của bạn vẫn được giữ tại:%n%1%n%nCài lại chương trình sẽ dùng tiếp dữ liệu này. Muốn xóa hẳn, hãy tự xóa thư mục trên.
en.FileAssociations=File associations:
en.PackageFileType=TĐKT data package
en.DataKept=Your data is kept in:%n%1%n%nInstalling the program again will use it. To remove it for good, delete that folder yourself.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "associate"; Description: "{cm:AssocFileExtension,{#AppTitle},{#PackageExt}}"; GroupDescription: "{cm:FileAssociations}"

[InstallDelete]
; An upgrade replaces the whole library folder so no stale file of an older version lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; .tdkt packages open in the program: HKA is HKCU for a per-user install and HKLM for all users.
Root: HKA; Subkey: "Software\Classes\{#PackageExt}"; ValueType: string; ValueName: ""; ValueData: "{#PackageProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageExt}\OpenWithProgids"; ValueType: string; ValueName: "{#PackageProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:PackageFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\{#PackageProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#PackageExt}"; ValueData: ""; Flags: uninsdeletekey; Tasks: associate

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppTitle}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] on purpose: the user's data folder {userappdata}\TDKT must survive an uninstall.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  { Tell the clerk where the data stayed, so nobody thinks the records are gone. }
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
  begin
    DataDir := ExpandConstant('{userappdata}\TDKT');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
