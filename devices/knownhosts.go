package devices

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// hostKeyPolicy decides which server keys are trusted.
type hostKeyPolicy struct {
	file     string // known_hosts path
	insecure bool   // accept any key (explicit opt-out)
	tofu     bool   // add unknown keys to file; changed keys still refused
}

// tofuMu serialises appends to known_hosts files across devices.
var tofuMu sync.Mutex

// callback returns the ssh.HostKeyCallback for the policy. The file is read
// on every handshake so keys added by trust-on-first-use for one device are
// seen by the next.
func (p hostKeyPolicy) callback(logf func(string, ...any)) ssh.HostKeyCallback {
	if p.insecure {
		return ssh.InsecureIgnoreHostKey()
	}
	return func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		if p.tofu {
			tofuMu.Lock()
			defer tofuMu.Unlock()
		}
		cb, err := p.load()
		if err != nil {
			return err
		}
		err = cb(hostname, remote, key)
		var ke *knownhosts.KeyError
		var re *knownhosts.RevokedError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &re):
			return fmt.Errorf("%s: %s key %s is revoked in %s: %w", hostname, key.Type(), ssh.FingerprintSHA256(key), p.file, ErrHostKeyChanged)
		case errors.As(err, &ke) && len(ke.Want) == 0:
			if p.tofu {
				if err := appendKnownHost(p.file, hostname, key); err != nil {
					return fmt.Errorf("trust on first use: %w", err)
				}
				logf("warning: trusting new %s host key %s for %s on first use (added to %s)", key.Type(), ssh.FingerprintSHA256(key), hostname, p.file)
				return nil
			}
			return fmt.Errorf("%s offered %s key %s, which is not in %s (add it with ssh-keyscan, or enable trust-on-first-use for a lab): %w",
				hostname, key.Type(), ssh.FingerprintSHA256(key), p.file, ErrUnknownHost)
		case errors.As(err, &ke):
			w := ke.Want[0]
			return fmt.Errorf("%s offered %s key %s but %s:%d holds %s key %s: possible man-in-the-middle, or the device was re-keyed (remove the old line if so): %w",
				hostname, key.Type(), ssh.FingerprintSHA256(key), w.Filename, w.Line, w.Key.Type(), ssh.FingerprintSHA256(w.Key), ErrHostKeyChanged)
		}
		return fmt.Errorf("known_hosts %s: %w", p.file, err)
	}
}

func (p hostKeyPolicy) load() (ssh.HostKeyCallback, error) {
	if _, err := os.Stat(p.file); errors.Is(err, os.ErrNotExist) {
		if !p.tofu {
			return nil, fmt.Errorf("known_hosts file %s does not exist: %w", p.file, ErrUnknownHost)
		}
		if err := os.MkdirAll(filepath.Dir(p.file), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(p.file, nil, 0o600); err != nil {
			return nil, err
		}
	}
	return knownHostsCache.get(p.file)
}

// knownHostsCache keeps each known_hosts file parsed while it is unchanged:
// a fleet connects to a thousand devices with one file of a thousand lines,
// and parsing it for every handshake (twice: key algorithms, then the
// check) cost more CPU than all the handshakes' cryptography.
var knownHostsCache = &hostsCache{files: map[string]cachedHosts{}}

type hostsCache struct {
	mu    sync.Mutex
	files map[string]cachedHosts
}

type cachedHosts struct {
	info os.FileInfo // the file as it was when parsed
	cb   ssh.HostKeyCallback
}

// get returns the callback for file, parsing it again when its identity,
// size or modification time changed since it was cached (an append by
// trust-on-first-use, an edit, a replacement by rename).
func (c *hostsCache) get(file string) (ssh.HostKeyCallback, error) {
	info, err := os.Stat(file)
	if err != nil {
		return nil, fmt.Errorf("known_hosts %s: %w", file, err)
	}
	c.mu.Lock()
	e, ok := c.files[file]
	c.mu.Unlock()
	if ok && os.SameFile(e.info, info) && e.info.Size() == info.Size() && e.info.ModTime().Equal(info.ModTime()) {
		return e.cb, nil
	}
	cb, err := knownhosts.New(file)
	if err != nil {
		return nil, fmt.Errorf("known_hosts %s: %w", file, err)
	}
	c.mu.Lock()
	c.files[file] = cachedHosts{info: info, cb: cb}
	c.mu.Unlock()
	return cb, nil
}

func appendKnownHost(file, hostname string, key ssh.PublicKey) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	line := knownhosts.Line([]string{knownhosts.Normalize(hostname)}, key) + "\n"
	if _, err := f.WriteString(line); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var (
	probeOnce sync.Once
	probeKey  ssh.PublicKey
)

// knownKeyAlgorithms returns the host key algorithms for the key types
// known_hosts holds for addr, so that the server is asked for a key we can
// verify rather than one we have never seen (which would look "changed").
// It returns nil when nothing is known.
func (p hostKeyPolicy) knownKeyAlgorithms(addr string, legacy bool) []string {
	if p.insecure {
		return nil
	}
	cb, err := p.load()
	if err != nil {
		return nil
	}
	probeOnce.Do(func() {
		pub, _, _ := ed25519.GenerateKey(nil)
		probeKey, _ = ssh.NewPublicKey(pub)
	})
	if probeKey == nil {
		return nil
	}
	var ke *knownhosts.KeyError
	if err := cb(addr, &net.TCPAddr{}, probeKey); !errors.As(err, &ke) || len(ke.Want) == 0 {
		return nil
	}
	var algos []string
	seen := map[string]bool{}
	add := func(a ...string) {
		for _, x := range a {
			if !seen[x] {
				seen[x] = true
				algos = append(algos, x)
			}
		}
	}
	for _, k := range ke.Want {
		switch t := k.Key.Type(); t {
		case ssh.KeyAlgoRSA:
			add(ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256)
			if legacy {
				add(ssh.KeyAlgoRSA)
			}
		default:
			add(t)
		}
	}
	return algos
}
