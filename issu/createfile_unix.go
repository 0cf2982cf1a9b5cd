//go:build unix

package issu

import (
	"fmt"
	"syscall"
	"unsafe"
)

// createFile creates path (which must not exist: else an error matching
// os.ErrExist, nothing written), writes data and closes it; a file it
// could not write completely is removed.
//
// It uses the system calls directly: os.OpenFile registers every file with
// the runtime poller (three more system calls and a finalizer per file,
// which regular files do not need), and a fleet snapshot creates tens of
// thousands of artifacts.
func createFile[T string | []byte](path string, data T) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	if umaskNarrows() {
		err = ignoringEINTR(func() error { return syscall.Fchmod(fd, 0o644) })
	}
	var b []byte
	switch d := any(data).(type) {
	case []byte:
		b = d
	case string:
		// Only read: no copy of a raw output.
		b = unsafe.Slice(unsafe.StringData(d), len(d))
	}
	for err == nil && len(b) > 0 {
		var n int
		n, err = syscall.Write(fd, b)
		switch {
		case err == syscall.EINTR:
			err = nil
		case err == nil && n == 0:
			err = syscall.EIO // no progress: never loop forever
		case err == nil:
			b = b[n:]
		}
	}
	op := "write"
	if cerr := syscall.Close(fd); err == nil && cerr != nil {
		err, op = cerr, "close"
	}
	if err != nil {
		_ = syscall.Unlink(path) // ours, partial: listed by no manifest
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}
