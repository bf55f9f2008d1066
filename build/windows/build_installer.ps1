<#
.SYNOPSIS
    Builds the Windows installer build\dist\TDKT-Setup-<version>.exe from a clean checkout.

.DESCRIPTION
    1. creates a virtual environment in build\work\venv with Python 3.11 x64,
    2. installs the project with its "bundle" extra (PyInstaller),
    3. runs build\build_bundle.py: PyInstaller with installer.spec, then the checks
       (tdkt-cli --version, --self-check offscreen on a temporary database),
    4. runs Inno Setup's ISCC.exe on build\windows\tdkt.iss with the program's version.

    Prerequisites: Python 3.11 x64 (python.org installer, "py" launcher) and Inno Setup 6.3 or later.

.PARAMETER Python
    Full path of a Python 3.11 x64 python.exe. Default: the "py -3.11" launcher, else "python" on PATH.

.PARAMETER Iscc
    Full path of ISCC.exe. Default: looked up in the usual Inno Setup 6 install folders and on PATH.

.PARAMETER Clean
    Empty PyInstaller's cache and recreate the virtual environment first.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File build\windows\build_installer.ps1
#>
[CmdletBinding()]
param(
    [string]$Python = "",
    [string]$Iscc = "",
    [switch]$Clean
)

$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
$Venv = Join-Path $Root "build\work\venv"
$VenvPython = Join-Path $Venv "Scripts\python.exe"
$IssFile = Join-Path $PSScriptRoot "tdkt.iss"

function Invoke-Checked {
    # Runs a native program and stops the build when it fails (PowerShell does not do that by itself).
    param([string]$Exe, [string[]]$Arguments)
    Write-Host "> $Exe $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) {
        throw "'$Exe' failed with exit code $LASTEXITCODE"
    }
}

function Find-BasePython {
    if ($Python) { return , @($Python) }
    if (Get-Command py -ErrorAction SilentlyContinue) { return , @("py", "-3.11") }
    if (Get-Command python -ErrorAction SilentlyContinue) { return , @("python") }
    throw "Python 3.11 x64 not found. Install it from python.org (tick 'py launcher'), or pass -Python."
}

function Find-Iscc {
    if ($Iscc) {
        if (-not (Test-Path $Iscc)) { throw "ISCC.exe not found at $Iscc" }
        return $Iscc
    }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:ProgramFiles "Inno Setup 6\ISCC.exe"),
        (Join-Path $env:LOCALAPPDATA "Programs\Inno Setup 6\ISCC.exe")
    )
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path $candidate)) { return $candidate }
    }
    $onPath = Get-Command ISCC.exe -ErrorAction SilentlyContinue
    if ($onPath) { return $onPath.Source }
    throw "Inno Setup 6 (ISCC.exe) not found. Install it from https://jrsoftware.org/isdl.php or pass -Iscc."
}

Set-Location $Root
$started = Get-Date

# 1. Virtual environment with the right interpreter.
if ($Clean -and (Test-Path $Venv)) { Remove-Item -Recurse -Force $Venv }
if (-not (Test-Path $VenvPython)) {
    $base = Find-BasePython
    $baseArgs = @()
    if ($base.Count -gt 1) { $baseArgs = @($base[1..($base.Count - 1)]) }
    Invoke-Checked $base[0] ($baseArgs + @("-m", "venv", $Venv))
}
Invoke-Checked $VenvPython @("-c", "import struct, sys; sys.exit(0 if sys.version_info[:2] == (3, 11) and struct.calcsize('P') == 8 else 'Python 3.11 x64 is required, found ' + sys.version)")

# 2. The project and PyInstaller.
Invoke-Checked $VenvPython @("-m", "pip", "install", "--quiet", "--upgrade", "pip")
Invoke-Checked $VenvPython @("-m", "pip", "install", "--quiet", ".[bundle]")

# 3. The one-folder bundle (PyInstaller with installer.spec) and its checks.
#    build_bundle.py runs the self-check with QT_QPA_PLATFORM=offscreen, so no window flashes up.
$bundleArgs = @("build\build_bundle.py")
if ($Clean) { $bundleArgs += "--clean" }
Invoke-Checked $VenvPython $bundleArgs

# 4. The installer, with the version the program reports about itself.
$version = (& $VenvPython -c "import desktop; print(desktop.__version__)").Trim()
if ($LASTEXITCODE -ne 0 -or -not $version) { throw "Could not read desktop.__version__" }
$isccExe = Find-Iscc
Invoke-Checked $isccExe @("/Qp", "/DAppVersion=$version", $IssFile)

$setup = Join-Path $Root "build\dist\TDKT-Setup-$version.exe"
if (-not (Test-Path $setup)) { throw "ISCC finished but $setup is missing" }
$minutes = [math]::Round(((Get-Date) - $started).TotalMinutes, 1)
$sizeMb = [math]::Round((Get-Item $setup).Length / 1MB, 1)
Write-Host "Installer: $setup ($sizeMb MB) built in $minutes min" -ForegroundColor Green
