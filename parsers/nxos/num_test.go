package nxos

import (
	"math"
	"strconv"
	"testing"
)

// TestNumberFastPaths checks atoi and atof against strconv on the forms
// their fast paths take and on the ones they hand over.
func TestNumberFastPaths(t *testing.T) {
	for _, s := range []string{"", "0", "7", "00012", "123456789012345678", "1234567890123456789",
		"-5", "+5", "1_000", "12a", "9223372036854775807", "99999999999999999999"} {
		want, _ := strconv.Atoi(s)
		if got := atoi(s); got != want {
			t.Errorf("atoi(%q) = %d, want %d", s, got, want)
		}
	}
	for _, s := range []string{"", ".", "0", "0.0", "100.00", "0.34", "86.24", ".5", "5.", "1.2.3", "-1.5",
		"123456789012345", "1234567890123456", "0.000000000000001", "99999.9999999999", "1e3", "NaN", "inf",
		"0.1", "0.3", "2.675", "1.005", "4951", "3.14159265358979"} {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(want) || math.IsInf(want, 0) {
			want = 0
		}
		if got := float64(atof(s)); got != want {
			t.Errorf("atof(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzAtof compares atof with strconv.ParseFloat.
func FuzzAtof(f *testing.F) {
	f.Add("12.34")
	f.Fuzz(func(t *testing.T, s string) {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(want) || math.IsInf(want, 0) {
			want = 0
		}
		if got := float64(atof(s)); got != want {
			t.Fatalf("atof(%q) = %v, want %v", s, got, want)
		}
		wi, _ := strconv.Atoi(s)
		if gi := atoi(s); gi != wi {
			t.Fatalf("atoi(%q) = %d, want %d", s, gi, wi)
		}
	})
}
