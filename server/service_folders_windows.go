//go:build windows

package main

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// protectDir creates dir and lets only the system and administrators
// into it: the hall config holds the devices' tokens, hall.db the
// citizens' feedback with their phone numbers, and ProgramData is readable
// by every user.
func protectDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sd, err := windows.SecurityDescriptorFromString("D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)")
	if err != nil {
		return err
	}
	dacl, _, err := sd.DACL()
	if err != nil {
		return err
	}
	return windows.SetNamedSecurityInfo(dir, windows.SE_FILE_OBJECT,
		windows.DACL_SECURITY_INFORMATION|windows.PROTECTED_DACL_SECURITY_INFORMATION, nil, nil, dacl, nil)
}

// exeName is the file name of this program (hallq-server.exe in the
// release), for the commands the messages suggest.
func exeName() string {
	exe, err := os.Executable()
	if err != nil {
		return "server.exe"
	}
	return filepath.Base(exe)
}

// programData is the ProgramData folder, from the Known Folder API first:
// under Wine a service's environment says ProgramData=C:\users\Public
// while a console's says C:\ProgramData, and install and the service must
// agree. Then the variable; hallqDir falls back to C:\ProgramData.
func programData() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0); err == nil {
		return p
	}
	return os.Getenv("ProgramData")
}
