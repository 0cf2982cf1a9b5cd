package devices

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"golang.org/x/crypto/ssh"
)

// algorithms returns the SSH algorithm lists for the settings: nil (the
// library defaults) unless legacy or extra algorithms are asked for, in
// which case they are added after the defaults, never replacing them.
func algorithms(s SSHSettings) ssh.Config {
	var c ssh.Config
	if !s.LegacyAlgorithms && len(s.KeyExchanges)+len(s.Ciphers)+len(s.MACs) == 0 {
		return c
	}
	sup, ins := ssh.SupportedAlgorithms(), ssh.InsecureAlgorithms()
	c.KeyExchanges = sup.KeyExchanges
	c.Ciphers = sup.Ciphers
	c.MACs = sup.MACs
	if s.LegacyAlgorithms {
		c.KeyExchanges = appendNew(c.KeyExchanges, ins.KeyExchanges...)
		c.Ciphers = appendNew(c.Ciphers, ssh.InsecureCipherAES128CBC, ssh.InsecureCipherTripleDESCBC)
		c.MACs = appendNew(c.MACs, ins.MACs...)
	}
	c.KeyExchanges = appendNew(c.KeyExchanges, s.KeyExchanges...)
	c.Ciphers = appendNew(c.Ciphers, s.Ciphers...)
	c.MACs = appendNew(c.MACs, s.MACs...)
	return c
}

func hostKeyAlgorithms(s SSHSettings, known []string) []string {
	if len(known) > 0 {
		return appendNew(known, s.HostKeyAlgorithms...)
	}
	if !s.LegacyAlgorithms && len(s.HostKeyAlgorithms) == 0 {
		return nil
	}
	algos := ssh.SupportedAlgorithms().HostKeys
	if s.LegacyAlgorithms {
		algos = appendNew(algos, ssh.KeyAlgoRSA)
	}
	return appendNew(algos, s.HostKeyAlgorithms...)
}

func appendNew(list []string, add ...string) []string {
	out := append([]string(nil), list...)
	for _, a := range add {
		found := false
		for _, x := range out {
			if x == a {
				found = true
				break
			}
		}
		if !found && a != "" {
			out = append(out, a)
		}
	}
	return out
}

// authMethods builds the methods for one credential set: key file first,
// then password, then keyboard-interactive answering password questions.
func authMethods(cred Credential, keyFile string) ([]ssh.AuthMethod, error) {
	var m []ssh.AuthMethod
	if cred.KeyFile != "" {
		keyFile = cred.KeyFile
	}
	if keyFile != "" {
		pem, err := os.ReadFile(keyFile)
		if err != nil {
			return nil, fmt.Errorf("private key: %w", err)
		}
		signer, err := ssh.ParsePrivateKey(pem)
		if err != nil {
			// Never include the key material, only the file.
			return nil, fmt.Errorf("private key %s: cannot parse (encrypted keys are not supported): %w", keyFile, ErrAuth)
		}
		m = append(m, ssh.PublicKeys(signer))
	}
	if cred.Password != "" {
		pw := cred.Password
		m = append(m, ssh.Password(pw), ssh.KeyboardInteractive(func(_, _ string, questions []string, echos []bool) ([]string, error) {
			// Zero-question rounds (banners, instructions) get an
			// empty answer list; anything echoed that asks for a user
			// gets the username; everything else the password.
			answers := make([]string, len(questions))
			for i, q := range questions {
				lq := strings.ToLower(q)
				if i < len(echos) && echos[i] && (strings.Contains(lq, "user") || strings.Contains(lq, "login")) {
					answers[i] = cred.Username
				} else {
					answers[i] = pw
				}
			}
			return answers, nil
		}))
	}
	if len(m) == 0 {
		return nil, fmt.Errorf("credential has neither password nor private key: %w", ErrAuth)
	}
	return m, nil
}

// dial opens the TCP connection with DialContext and runs the SSH
// handshake, abandoning it when ctx ends or timeout passes.
func dial(ctx context.Context, addr string, cfg *ssh.ClientConfig, timeout time.Duration) (*ssh.Client, error) {
	hctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(hctx, "tcp", addr)
	if err != nil {
		if hctx.Err() != nil && ctx.Err() == nil {
			return nil, fmt.Errorf("tcp connect %s: %w", addr, ErrTimeout)
		}
		return nil, fmt.Errorf("tcp connect %s: %w", addr, err)
	}
	stop := context.AfterFunc(hctx, func() { nc.Close() })
	c, chans, reqs, err := ssh.NewClientConn(nc, addr, cfg)
	if !stop() {
		// The context ended during the handshake and closed nc.
		if c != nil {
			c.Close()
		}
		if ctx.Err() != nil {
			return nil, fmt.Errorf("ssh handshake %s: %w", addr, ctx.Err())
		}
		return nil, fmt.Errorf("ssh handshake %s: %w", addr, ErrTimeout)
	}
	if err != nil {
		nc.Close()
		if strings.Contains(err.Error(), "unable to authenticate") && !errors.Is(err, ErrAuth) {
			return nil, fmt.Errorf("%w: %w", ErrAuth, err)
		}
		return nil, err
	}
	return ssh.NewClient(c, chans, reqs), nil
}
