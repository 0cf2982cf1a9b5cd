//go:build !unix

package issu

import "os"

// createFile creates path (which must not exist: else an error matching
// os.ErrExist, nothing written), writes data and closes it; a file it
// could not write completely is removed.
func createFile[T string | []byte](path string, data T) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if umaskNarrows() {
		err = f.Chmod(0o644)
	}
	if err == nil {
		_, err = f.Write([]byte(data))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return err
	}
	return nil
}
