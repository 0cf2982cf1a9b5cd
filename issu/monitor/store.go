package monitor

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

// File names inside Config.Dir.
const (
	TimelineFile = "timeline.jsonl"
	EventsFile   = "events.jsonl"
)

type startRecord struct {
	Type       string    `json:"type"` // "start"
	Time       time.Time `json:"time"`
	Devices    []string  `json:"devices"`
	IntervalMS int64     `json:"interval_ms"`
}

type endRecord struct {
	Type       string    `json:"type"` // "end"
	Time       time.Time `json:"time"`
	StopReason string    `json:"stop_reason"`
	Samples    int       `json:"samples"`
}

type lineWriter interface{ Write([]byte) (int, error) }

// store holds the two append-only files; a nil store writes nothing.
type store struct {
	tl, ev lineWriter
	files  []*os.File
}

func openStore(dir string) (*store, error) {
	if dir == "" {
		return &store{}, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("monitor: create %s: %w", dir, err)
	}
	s := &store{}
	for _, name := range []string{TimelineFile, EventsFile} {
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("monitor: open %s: %w", name, err)
		}
		s.files = append(s.files, f)
	}
	s.tl, s.ev = s.files[0], s.files[1]
	return s, nil
}

func (s *store) close() {
	for _, f := range s.files {
		_ = f.Close()
	}
}

// writeLine writes v as one JSON line with a single write call, so the
// line reaches the file whole (O_APPEND) and is not held in a buffer.
func writeLine(w lineWriter, v any) error {
	if w == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(b)
	return err
}

// ErrCorrupt is returned by Load for a line that cannot be decoded and is
// not the last one (a truncated last line is expected from a killed run).
var ErrCorrupt = errors.New("monitor: corrupt line")

// readLines calls fn for every complete JSON line of path; a last line cut
// short by a kill is ignored.
func readLines(path string, fn func(line []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		complete := err == nil
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read %s: %w", path, err)
		}
		line = bytes.TrimSpace(line)
		if len(line) > 0 {
			if ferr := fn(line); ferr != nil {
				if !complete {
					return nil // truncated last line
				}
				return fmt.Errorf("%s:%d: %w: %v", path, n, ErrCorrupt, ferr)
			}
		}
		if !complete {
			return nil
		}
	}
}

// Load rebuilds a Result from the files a Run wrote in dir (events,
// samples, install states, outages), in another process if need be. A run
// that was killed has no end record: StopReason is "incomplete" and End is
// the last time seen. Files concatenated from several runs (CI shards, each
// over its own devices) load as one: the earliest start, the latest end,
// and "incomplete" when any run lacks its end record.
func Load(dir string) (*Result, error) {
	res := &Result{InstallState: map[string]string{}}
	var last time.Time
	starts, ends := 0, 0
	seen := func(t time.Time) {
		if t.After(last) {
			last = t
		}
	}
	err := readLines(filepath.Join(dir, TimelineFile), func(line []byte) error {
		var head struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(line, &head); err != nil {
			return err
		}
		switch head.Type {
		case "start":
			var s startRecord
			if err := json.Unmarshal(line, &s); err != nil {
				return err
			}
			starts++
			if res.Start.IsZero() || s.Time.Before(res.Start) {
				res.Start = s.Time
			}
			for _, d := range s.Devices {
				if _, ok := res.InstallState[d]; !ok {
					res.InstallState[d] = InstallNone
				}
			}
			seen(s.Time)
		case "sample":
			var s Sample
			if err := json.Unmarshal(line, &s); err != nil {
				return err
			}
			res.Samples++
			res.InstallState[s.Device] = orNone(s.Install)
			seen(s.Time)
		case "end":
			var e endRecord
			if err := json.Unmarshal(line, &e); err != nil {
				return err
			}
			ends++
			if e.Time.After(res.End) {
				res.End, res.StopReason = e.Time, e.StopReason
			}
			seen(e.Time)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("monitor: load %s: %w", dir, err)
	}
	var tracker outages
	err = readLines(filepath.Join(dir, EventsFile), func(line []byte) error {
		var ev Event
		if err := json.Unmarshal(line, &ev); err != nil {
			return err
		}
		res.Events = append(res.Events, ev)
		replay := ev
		tracker.apply(&replay)
		seen(ev.Time)
		return nil
	})
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("monitor: load %s: %w", dir, err)
	}
	if ends < starts || res.StopReason == "" { // a run (or a merged shard) was killed
		res.StopReason = StopIncomplete
		res.End = last
	}
	res.Outages = tracker.result(res.End)
	return res, nil
}
