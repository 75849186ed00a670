<#
.SYNOPSIS
  Installs the Ledgerlink agent (Sage 50 connector) on Windows as a service, and links a company in the same step
  when given its licence key and link code.

.DESCRIPTION
  Run once from an elevated PowerShell (Run as administrator): the only step that needs administrator rights. The
  service "Ledgerlink Agent" then runs in the background as LocalSystem, starts with Windows, is restarted by Windows
  if it fails, and updates itself into its data folder without further rights.

  Running the script again is safe: it stops the service, replaces the program files (that is how the supervisor
  itself is updated), keeps the settings not given again, and starts the service.

    %ProgramFiles%\Ledgerlink\Agent      the program (Administrators' and SYSTEM's to change)
    %ProgramData%\Ledgerlink\Agent       the data folder: identity, linked companies, logs, updates
    %ProgramData%\Ledgerlink\Settings    the pinned CA certificate and release public key
    HKLM\SYSTEM\CurrentControlSet\Services\LedgerlinkAgent\Environment   the settings (Ledgerlink__Agent__*)

  The settings live in the service's own environment, not in a file beside the program, because an update runs the
  agent from a new folder under the data folder: the settings must not travel with the program files.

  Written and syntax-checked on Linux (tests/Ledgerlink.Tests.Unit/Install), never run on Windows here.

.EXAMPLE
  .\install-agent.ps1 -Package .\win-x64.zip -Gateway silo.example.com:30000 -CaCert .\ca.crt -ReleaseKey .\release-public.pem -LicenceKey <key> -LinkCode <code>

.EXAMPLE
  .\install-agent.ps1 -Uninstall -Purge
#>
[CmdletBinding(DefaultParameterSetName = 'Install')]
param(
    # The agent for Windows: win-x64.zip from the link page or the release (a file or an https URL).
    [Parameter(ParameterSetName = 'Install')]
    [string] $Package,

    # The silos' gateway addresses (host:port, several comma-separated); kept from the last install when left out.
    [Parameter(ParameterSetName = 'Install')]
    [string[]] $Gateway = @(),

    [Parameter(ParameterSetName = 'Install')]
    [string] $ClusterId,

    [Parameter(ParameterSetName = 'Install')]
    [string] $ServiceId,

    # PEM CA certificate the silos' certificates chain to (a file or an https URL); the agent pins it.
    [Parameter(ParameterSetName = 'Install')]
    [string] $CaCert,

    # The release public key (PEM) updates must be signed with (a file or an https URL); the agent pins it.
    [Parameter(ParameterSetName = 'Install')]
    [string] $ReleaseKey,

    # Link a company: its licence key and one-time link code, both on the link page.
    [Parameter(ParameterSetName = 'Install')]
    [string] $LicenceKey,

    [Parameter(ParameterSetName = 'Install')]
    [string] $LinkCode,

    # Link a company: the Sage 50 data directory (Sage: Help > About) and user; asked for when left out.
    [Parameter(ParameterSetName = 'Install')]
    [string] $SageDataDir,

    [Parameter(ParameterSetName = 'Install')]
    [string] $SageUser,

    # The agent's local web page port (default 5180).
    [Parameter(ParameterSetName = 'Install')]
    [int] $UiPort,

    # Stop and remove the service, program and settings; the data folder stays unless -Purge.
    [Parameter(ParameterSetName = 'Uninstall', Mandatory = $true)]
    [switch] $Uninstall,

    [Parameter(ParameterSetName = 'Uninstall')]
    [switch] $Purge
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$ServiceName = 'LedgerlinkAgent'
$DisplayName = 'Ledgerlink Agent'
$ProgramDir = Join-Path $env:ProgramFiles 'Ledgerlink\Agent'
$DataDir = Join-Path $env:ProgramData 'Ledgerlink\Agent'
$SettingsDir = Join-Path $env:ProgramData 'Ledgerlink\Settings'
$Executable = Join-Path $ProgramDir 'ledgerlink-agent.exe'
$ServiceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"

function Write-Step([string] $Message) { Write-Host "ledgerlink-agent install: $Message" }

function Stop-Install([string] $Message, [int] $Code = 1) {
    Write-Host "ledgerlink-agent install: $Message" -ForegroundColor Red
    exit $Code
}

function Test-Administrator {
    $identity = [Security.Principal.WindowsIdentity]::GetCurrent()
    return ([Security.Principal.WindowsPrincipal] $identity).IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)
}

# A file path or an https URL (the link page's), copied to $Target.
function Get-Source([string] $Source, [string] $Target) {
    if ($Source -match '^https?://') {
        Invoke-WebRequest -Uri $Source -OutFile $Target -UseBasicParsing
    }
    elseif (Test-Path -LiteralPath $Source -PathType Leaf) {
        Copy-Item -LiteralPath $Source -Destination $Target -Force
    }
    else {
        Stop-Install "No such file: $Source" 2
    }
}

# The service's settings, as the environment Windows gives the service (REG_MULTI_SZ "Name=value" lines).
function Get-ServiceSettings {
    $settings = [ordered]@{}
    $item = Get-ItemProperty -Path $ServiceKey -ErrorAction SilentlyContinue
    $values = if ($item -and ($item.PSObject.Properties.Name -contains 'Environment')) { $item.Environment } else { @() }
    foreach ($line in @($values)) {
        if ($line -and $line.Contains('=')) {
            $at = $line.IndexOf('=')
            $settings[$line.Substring(0, $at)] = $line.Substring($at + 1)
        }
    }
    return $settings
}

function Stop-AgentService {
    $service = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
    if ($service -and $service.Status -ne 'Stopped') {
        Write-Step 'stopping the running agent...'
        Stop-Service -Name $ServiceName -Force
        $service.WaitForStatus('Stopped', [TimeSpan]::FromSeconds(60))
    }
}

if (-not (Test-Administrator)) {
    Stop-Install 'Run this from PowerShell opened with "Run as administrator": it installs a Windows service. Only this once: the agent then runs and updates itself without administrator rights.' 2
}

if ($Uninstall) {
    Stop-AgentService
    if (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue) {
        & sc.exe delete $ServiceName | Out-Null
    }
    Remove-Item -LiteralPath $ProgramDir -Recurse -Force -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $SettingsDir -Recurse -Force -ErrorAction SilentlyContinue
    if ($Purge) {
        Remove-Item -LiteralPath $DataDir -Recurse -Force -ErrorAction SilentlyContinue
        Write-Step 'removed the agent, its settings and its data folder.'
    }
    else {
        Write-Step "removed the agent and its settings; its data folder $DataDir is kept (-Purge removes it)."
    }
    exit 0
}

if (($LicenceKey -and -not $LinkCode) -or ($LinkCode -and -not $LicenceKey)) {
    Stop-Install 'Linking needs both -LicenceKey and -LinkCode (both are on the link page).' 2
}

$existing = Get-ServiceSettings
# The link page passes several gateways as one comma-separated value (an array does not survive powershell -File).
$Gateway = @($Gateway | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
if ($Gateway.Count -eq 0) {
    $Gateway = @($existing.Keys | Where-Object { $_ -like 'Ledgerlink__Agent__Gateways__*' } | ForEach-Object { $existing[$_] })
}
if ($Gateway.Count -eq 0) {
    Stop-Install '-Gateway is needed on the first install (the silo gateway address, host:port, on the link page).' 2
}
foreach ($g in $Gateway) {
    if ($g -notmatch '^[A-Za-z0-9.:_\[\]-]+:[0-9]+$') { Stop-Install "-Gateway '$g' is not host:port." 2 }
}
if (-not $Package -and -not (Test-Path -LiteralPath $Executable)) {
    Stop-Install '-Package is needed on the first install (win-x64.zip from the link page).' 2
}

$work = Join-Path ([IO.Path]::GetTempPath()) ("ledgerlink-install-" + [Guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null
try {
    # 1. The program: unpacked aside, then put in place whole.
    if ($Package) {
        Write-Step "unpacking $Package..."
        $zip = Join-Path $work 'agent.zip'
        Get-Source $Package $zip
        $unpacked = Join-Path $work 'agent'
        Expand-Archive -LiteralPath $zip -DestinationPath $unpacked -Force
        if (-not (Test-Path -LiteralPath (Join-Path $unpacked 'ledgerlink-agent.exe'))) {
            Stop-Install "$Package holds no ledgerlink-agent.exe at its root: is it the Windows (win-x64) download?"
        }
        Stop-AgentService
        if (Test-Path -LiteralPath $ProgramDir) { Remove-Item -LiteralPath $ProgramDir -Recurse -Force }
        New-Item -ItemType Directory -Path (Split-Path $ProgramDir) -Force | Out-Null
        Move-Item -LiteralPath $unpacked -Destination $ProgramDir
    }

    # 2. The pinned CA certificate and release key.
    New-Item -ItemType Directory -Path $SettingsDir -Force | Out-Null
    New-Item -ItemType Directory -Path $DataDir -Force | Out-Null
    if ($CaCert) {
        $ca = Join-Path $work 'ca.crt'
        Get-Source $CaCert $ca
        if (-not (Select-String -LiteralPath $ca -Pattern 'BEGIN CERTIFICATE' -Quiet)) { Stop-Install "$CaCert is not a PEM certificate." 2 }
        Copy-Item -LiteralPath $ca -Destination (Join-Path $SettingsDir 'ca.crt') -Force
    }
    if ($ReleaseKey) {
        $key = Join-Path $work 'release-public.pem'
        Get-Source $ReleaseKey $key
        if (-not (Select-String -LiteralPath $key -Pattern 'BEGIN PUBLIC KEY' -Quiet)) { Stop-Install "$ReleaseKey is not a PEM public key." 2 }
        Copy-Item -LiteralPath $key -Destination (Join-Path $SettingsDir 'release-public.pem') -Force
    }

    $settings = [ordered]@{}
    for ($i = 0; $i -lt $Gateway.Count; $i++) { $settings["Ledgerlink__Agent__Gateways__$i"] = $Gateway[$i] }
    $settings['Ledgerlink__Agent__ClusterId'] = if ($ClusterId) { $ClusterId } elseif ($existing['Ledgerlink__Agent__ClusterId']) { $existing['Ledgerlink__Agent__ClusterId'] } else { 'ledgerlink' }
    $settings['Ledgerlink__Agent__ServiceId'] = if ($ServiceId) { $ServiceId } elseif ($existing['Ledgerlink__Agent__ServiceId']) { $existing['Ledgerlink__Agent__ServiceId'] } else { 'ledgerlink' }
    $settings['Ledgerlink__Agent__DataFolder'] = $DataDir
    if ($UiPort) { $settings['Ledgerlink__Agent__Ui__Port'] = "$UiPort" }
    elseif ($existing['Ledgerlink__Agent__Ui__Port']) { $settings['Ledgerlink__Agent__Ui__Port'] = $existing['Ledgerlink__Agent__Ui__Port'] }
    if (Test-Path -LiteralPath (Join-Path $SettingsDir 'ca.crt')) { $settings['Ledgerlink__Agent__Tls__CaCertificatePath'] = Join-Path $SettingsDir 'ca.crt' }
    if (Test-Path -LiteralPath (Join-Path $SettingsDir 'release-public.pem')) { $settings['Ledgerlink__Agent__Releases__PublicKeyPath'] = Join-Path $SettingsDir 'release-public.pem' }

    # 3. The service: automatic start, restarted by Windows when it fails (the supervisor restarts its worker itself).
    $binPath = "`"$Executable`" run"
    if (-not (Get-Service -Name $ServiceName -ErrorAction SilentlyContinue)) {
        Write-Step 'registering the Windows service...'
        New-Service -Name $ServiceName -BinaryPathName $binPath -DisplayName $DisplayName -StartupType Automatic `
            -Description 'Reads Sage 50 Accounts data on this PC and sends it to Ledgerlink for the companies linked to it.' | Out-Null
    }
    else {
        & sc.exe config $ServiceName binPath= $binPath start= auto | Out-Null
    }
    & sc.exe failure $ServiceName reset= 86400 actions= restart/5000/restart/5000/restart/30000 | Out-Null
    & sc.exe failureflag $ServiceName 1 | Out-Null
    $lines = [string[]] @($settings.Keys | ForEach-Object { "$_=$($settings[$_])" })
    Set-ItemProperty -Path $ServiceKey -Name Environment -Type MultiString -Value $lines

    # 4. Link the company as the service's account (LocalSystem): the Sage password is DPAPI-protected for the account
    # that links it, so it must be the one that reads it. A one-off scheduled task runs the link as SYSTEM.
    $linkStatus = 0
    if ($LicenceKey) {
        if (-not $SageDataDir) { $SageDataDir = Read-Host 'Sage 50 data directory (Sage: Help > About)' }
        if (-not $SageUser) { $SageUser = Read-Host 'Sage 50 user name' }
        $password = $env:LEDGERLINK_SAGE_PASSWORD
        if (-not $password) {
            $secure = Read-Host 'Sage 50 password (stays on this computer)' -AsSecureString
            $password = [Runtime.InteropServices.Marshal]::PtrToStringUni([Runtime.InteropServices.Marshal]::SecureStringToGlobalAllocUnicode($secure))
        }

        Write-Step 'linking the company...'
        # The password reaches the link command in its environment, read from a file only SYSTEM and Administrators
        # may open, deleted right after: never on a command line or in the task's definition.
        $secretFile = Join-Path $work 'sage-password'
        $output = Join-Path $work 'link-output.txt'
        Set-Content -LiteralPath $secretFile -Value $password -NoNewline -Encoding ascii
        $acl = New-Object Security.AccessControl.FileSecurity
        $acl.SetAccessRuleProtection($true, $false)
        foreach ($who in 'NT AUTHORITY\SYSTEM', 'BUILTIN\Administrators') {
            $acl.AddAccessRule((New-Object Security.AccessControl.FileSystemAccessRule($who, 'FullControl', 'Allow')))
        }
        Set-Acl -LiteralPath $secretFile -AclObject $acl

        $envLines = ($lines | ForEach-Object { "set `"$_`"" }) -join ' & '
        $linkCommand = "$envLines & set /p LEDGERLINK_SAGE_PASSWORD=<`"$secretFile`" & " +
            "`"$Executable`" link --licence `"$LicenceKey`" --code `"$LinkCode`" --data-dir `"$SageDataDir`" --user `"$SageUser`" > `"$output`" 2>&1"
        $taskName = 'LedgerlinkAgentLink-' + [Guid]::NewGuid().ToString('N')
        $action = New-ScheduledTaskAction -Execute 'cmd.exe' -Argument "/d /s /c `"$linkCommand`""
        $principal = New-ScheduledTaskPrincipal -UserId 'NT AUTHORITY\SYSTEM' -LogonType ServiceAccount -RunLevel Highest
        Register-ScheduledTask -TaskName $taskName -Action $action -Principal $principal | Out-Null
        try {
            Start-ScheduledTask -TaskName $taskName
            $deadline = (Get-Date).AddMinutes(2)
            do {
                Start-Sleep -Milliseconds 500
                $state = (Get-ScheduledTask -TaskName $taskName).State
            } while ($state -eq 'Running' -and (Get-Date) -lt $deadline)
            $linkStatus = (Get-ScheduledTaskInfo -TaskName $taskName).LastTaskResult
        }
        finally {
            Unregister-ScheduledTask -TaskName $taskName -Confirm:$false
            Remove-Item -LiteralPath $secretFile -Force -ErrorAction SilentlyContinue
        }
        if (Test-Path -LiteralPath $output) { Get-Content -LiteralPath $output | Write-Host }
        if ($linkStatus -ne 0) {
            $port = if ($settings.Contains('Ledgerlink__Agent__Ui__Port')) { $settings['Ledgerlink__Agent__Ui__Port'] } else { '5180' }
            Write-Host "ledgerlink-agent install: the agent is installed, but the company is not linked (exit code $linkStatus, reason above)." -ForegroundColor Yellow
            Write-Host "  Fix that and run this again, or link it on the agent's page: http://127.0.0.1:$port/link" -ForegroundColor Yellow
        }
    }

    # 5. Start now (and at every boot: automatic start).
    Start-Service -Name $ServiceName
    Write-Step "the agent is running (service '$DisplayName'); its page: http://127.0.0.1:$(if ($UiPort) { $UiPort } else { 5180 })/"
    exit $linkStatus
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
