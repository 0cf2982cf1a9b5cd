package devices

import "time"

// TranscriptEntry is one command as sent and answered.
type TranscriptEntry struct {
	Command  string
	Start    time.Time
	Duration time.Duration
	Bytes    int    // raw bytes received
	Output   string // raw output, redacted ("" when dropped to respect TranscriptMaxBytes)
	Err      string // redacted
}

// record appends a transcript entry. Outputs beyond TranscriptMaxBytes
// are dropped oldest first (the entry stays, with its size and timing).
func (d *Device) record(cmd string, start time.Time, raw []byte, err error) {
	e := TranscriptEntry{Command: d.red.redact(cmd), Start: start, Duration: time.Since(start), Bytes: len(raw), Output: d.red.redact(string(raw))}
	if err != nil {
		e.Err = d.red.redact(err.Error())
	}
	limit := d.opts.TranscriptMaxBytes
	if limit == 0 {
		limit = 16 << 20
	}
	d.trMu.Lock()
	defer d.trMu.Unlock()
	d.transcript = append(d.transcript, e)
	d.trBytes += len(e.Output)
	for ; d.trBytes > limit && d.trKept < len(d.transcript); d.trKept++ {
		d.trBytes -= len(d.transcript[d.trKept].Output)
		d.transcript[d.trKept].Output = ""
	}
}

// Transcript returns a copy of every command run so far, redacted.
func (d *Device) Transcript() []TranscriptEntry {
	d.trMu.Lock()
	defer d.trMu.Unlock()
	return append([]TranscriptEntry(nil), d.transcript...)
}
