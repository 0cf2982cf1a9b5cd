package devices

import (
	"errors"
	"fmt"
)

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrWriteRefused is returned by Execute for a command that changes
	// device state when the device was not opened with AllowWrites.
	ErrWriteRefused = errors.New("command changes device state; refused on a read-only device")
	// ErrUnknownHost means the host key is not in the known_hosts file.
	ErrUnknownHost = errors.New("host key unknown (not in known_hosts)")
	// ErrHostKeyChanged means known_hosts holds a different key for the host:
	// possibly a man-in-the-middle, or a re-keyed device.
	ErrHostKeyChanged = errors.New("host key changed (does not match known_hosts)")
	// ErrAuth means the device rejected every credential tried.
	ErrAuth = errors.New("authentication failed")
	// ErrTimeout means a command, a login step or the TCP connect did not
	// finish in time.
	ErrTimeout = errors.New("timed out")
	// ErrNotConnected is returned when a command is run before Connect or
	// after Disconnect.
	ErrNotConnected = errors.New("not connected")
	// ErrDisconnected means the session dropped (EOF, reset or keepalive
	// failure); call Reconnect.
	ErrDisconnected = errors.New("session disconnected")
	// ErrNotStarted is ForEach's error for a device whose function never
	// ran because the context ended first.
	ErrNotStarted = errors.New("not started")
	// ErrPanic is ForEach's error for a device whose function panicked:
	// unlike ErrNotStarted, it may have done part of its work.
	ErrPanic = errors.New("panic")
)

// CommandError is a command the device answered with an error marker such as
// "% Invalid command at '^' marker.". Output keeps what the device printed.
type CommandError struct {
	Device  string
	Command string
	Output  string
	Message string // the marker line, e.g. "% Invalid input detected at '^' marker."
}

// Error implements error.
func (e *CommandError) Error() string {
	return fmt.Sprintf("%s: %q: device error: %s", e.Device, e.Command, e.Message)
}
