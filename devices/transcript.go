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

// DefaultTranscriptMaxBytes is the raw output a device keeps in its
// transcript unless Options.TranscriptMaxBytes says otherwise. A monitor
// polls a thousand devices for hours: the transcript must stay bounded per
// device (snapshots keep their outputs as artifacts anyway).
const DefaultTranscriptMaxBytes = 1 << 20

// MaxTranscriptEntries bounds the number of entries kept per device; the
// oldest are dropped first.
const MaxTranscriptEntries = 10000

// record appends a transcript entry. Outputs beyond TranscriptMaxBytes
// are dropped oldest first (the entry stays, with its size and timing);
// beyond MaxTranscriptEntries the oldest entries go too.
func (d *Device) record(cmd string, start time.Time, raw []byte, err error) {
	e := TranscriptEntry{Command: d.red.redact(cmd), Start: start, Duration: time.Since(start), Bytes: len(raw), Output: d.red.redact(string(raw))}
	if err != nil {
		e.Err = d.red.redact(err.Error())
	}
	limit := d.opts.TranscriptMaxBytes
	switch {
	case limit == 0:
		limit = DefaultTranscriptMaxBytes
	case limit < 0:
		limit = 0 // outputs off: commands, sizes and timings only
	}
	d.trMu.Lock()
	defer d.trMu.Unlock()
	if len(d.transcript) >= MaxTranscriptEntries {
		drop := len(d.transcript) - MaxTranscriptEntries + 1
		for _, old := range d.transcript[:drop] {
			d.trBytes -= len(old.Output)
		}
		d.transcript = append(d.transcript[:0:0], d.transcript[drop:]...)
		d.trKept = max(0, d.trKept-drop)
	}
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
