@echo off
rem The handover CLI of the installed app, for cmd.exe and PowerShell: the app's exe is a GUI program,
rem which a console returns from at once; run from this script it is waited for, and its exit code kept.
"%~dp0handover-vault.exe" --cli %*
exit /b %ERRORLEVEL%
