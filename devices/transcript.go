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

// DefaultTranscriptMaxEntries is the number of entries a device keeps
// unless Options.TranscriptMaxEntries says otherwise; the oldest are
// dropped first.
const DefaultTranscriptMaxEntries = 10000

// record appends a transcript entry. Outputs beyond TranscriptMaxBytes
// are dropped oldest first (the entry stays, with its size and timing);
// beyond TranscriptMaxEntries the oldest entries go too.
func (d *Device) record(cmd string, start time.Time, raw []byte, err error) {
	maxEntries := d.opts.TranscriptMaxEntries
	switch {
	case maxEntries == 0:
		maxEntries = DefaultTranscriptMaxEntries
	case maxEntries < 0:
		return // no transcript at all
	}
	limit := d.opts.TranscriptMaxBytes
	switch {
	case limit == 0:
		limit = DefaultTranscriptMaxBytes
	case limit < 0:
		limit = 0 // outputs off: commands, sizes and timings only
	}
	e := TranscriptEntry{Command: d.red.redact(cmd), Start: start, Duration: time.Since(start), Bytes: len(raw)}
	if len(raw) <= limit {
		// A larger output would be dropped at once: do not copy it.
		e.Output = d.red.redact(string(raw))
	}
	if err != nil {
		e.Err = d.red.redact(err.Error())
	}
	d.trMu.Lock()
	defer d.trMu.Unlock()
	if len(d.transcript) >= maxEntries {
		// Drop a quarter at once so the copy is paid once per quarter of
		// the entries, not on every command of a long monitor.
		drop := max(len(d.transcript)-maxEntries+1, maxEntries/4)
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
