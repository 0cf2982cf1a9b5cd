package report

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
)

//go:embed report.html.tmpl
var pageSource string

// HTMLFile is the pageTmpl's file name inside the run directory.
const HTMLFile = "report.html"

var pageTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"add": func(a, b float64) float64 { return a + b },
}).Parse(pageSource))

// RenderHTML writes the self-contained pageTmpl of in to w. Every value from
// the run (device output, log lines, names) goes through html/template's
// contextual escaping.
func RenderHTML(w io.Writer, in *Input) error {
	if in == nil || in.Report == nil {
		return fmt.Errorf("render html: %w", ErrNoReport)
	}
	if err := pageTmpl.Execute(w, buildView(in)); err != nil {
		return fmt.Errorf("render html: %w", err)
	}
	return nil
}

// WriteHTML loads runDir (LoadInput) and writes runDir/report.html
// atomically: a temporary file renamed into place, so a reader never sees
// half a pageTmpl.
func WriteHTML(runDir string) (string, error) {
	in, err := LoadInput(runDir)
	if err != nil {
		return "", err
	}
	path := filepath.Join(runDir, HTMLFile)
	if err := writeAtomic(path, func(w io.Writer) error { return RenderHTML(w, in) }); err != nil {
		return "", fmt.Errorf("write html: %w", err)
	}
	return path, nil
}

// writeAtomic writes path through a temporary file in the same directory.
func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriterSize(f, 256<<10)
	if err = fill(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
