# NSIS commands that offer Petrel as a mail program and mailto: handler in Windows' "Default apps"
# (Registered Applications), and remove the registration on uninstall. Windows lets the user pick
# the default handler; an installer may only declare the capability.
set(CPACK_NSIS_EXTRA_INSTALL_COMMANDS [=[
  WriteRegStr HKLM "Software\Clients\Mail\Petrel" "" "Petrel"
  WriteRegStr HKLM "Software\Clients\Mail\Petrel\Capabilities" "ApplicationName" "Petrel"
  WriteRegStr HKLM "Software\Clients\Mail\Petrel\Capabilities" "ApplicationDescription" "Petrel mail client"
  WriteRegStr HKLM "Software\Clients\Mail\Petrel\Capabilities\URLAssociations" "mailto" "Petrel.Url.mailto"
  WriteRegStr HKLM "Software\Clients\Mail\Petrel\shell\open\command" "" '"$INSTDIR\bin\petrel.exe"'
  WriteRegStr HKLM "Software\Classes\Petrel.Url.mailto" "" "URL:MailTo Protocol"
  WriteRegStr HKLM "Software\Classes\Petrel.Url.mailto" "URL Protocol" ""
  WriteRegStr HKLM "Software\Classes\Petrel.Url.mailto\DefaultIcon" "" '"$INSTDIR\bin\petrel.exe",0'
  WriteRegStr HKLM "Software\Classes\Petrel.Url.mailto\shell\open\command" "" '"$INSTDIR\bin\petrel.exe" "%1"'
  WriteRegStr HKLM "Software\RegisteredApplications" "Petrel" "Software\Clients\Mail\Petrel\Capabilities"
]=])
set(CPACK_NSIS_EXTRA_UNINSTALL_COMMANDS [=[
  DeleteRegValue HKLM "Software\RegisteredApplications" "Petrel"
  DeleteRegKey HKLM "Software\Classes\Petrel.Url.mailto"
  DeleteRegKey HKLM "Software\Clients\Mail\Petrel"
]=])
