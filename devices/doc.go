// Package devices loads pyATS testbed files and runs CLI commands on the
// devices they describe over SSH. LoadTestbed reads the testbed unchanged
// (credentials, %ENV{} substitution, named connections); Device keeps one
// interactive PTY session per device with prompt discovery, pagination off,
// error markers, timeouts, keepalive, reconnect, a read-only guard and
// redacted transcripts; ForEach fans work out over many devices.
//
// SSH settings our lab uses, beside pyATS's own keys:
//
//	testbed:
//	  custom:
//	    known_hosts: ~/.ssh/lab_known_hosts   # else ~/.ssh/known_hosts
//	    insecure_ignore_host_key: false       # true prints a warning
//	    trust_on_first_use: false             # lab: add unknown keys
//	    legacy_algorithms: false              # sha1 kex, cbc, ssh-rsa
//	devices:
//	  R1:
//	    connections:
//	      cli:
//	        protocol: ssh
//	        ip: 127.0.0.1
//	        ssh_options: -o UserKnownHostsFile=lab_hosts -o KexAlgorithms=+diffie-hellman-group1-sha1
//	        settings: {known_hosts: lab_hosts, legacy_algorithms: true, command_timeout: 120, keepalive_interval: 5}
//
// Connection settings override testbed ones; Options override both.
package devices
