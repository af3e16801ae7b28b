package spindlemqtt

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testBroker is a broker the test can stop and start again on the same
// loopback address.
type testBroker interface {
	start(t *testing.T)
	stop(t *testing.T)
}

// The credentials of the test brokers (mosquitto allows anonymous clients
// and ignores them).
const testUser, testPassword = "spindle", "test-password"

// embeddedBroker is the in-process mochi broker.
type embeddedBroker struct {
	addr string
	b    *Broker
}

func (e *embeddedBroker) start(t *testing.T) {
	t.Helper()
	var err error
	// The port was just released by the previous broker: retry briefly.
	require.Eventually(t, func() bool {
		e.b, err = StartBroker(BrokerConfig{Addr: e.addr, Users: map[string]string{testUser: testPassword}})
		return err == nil
	}, 5*time.Second, 50*time.Millisecond, "start broker on %s: %v", e.addr, err)
}

func (e *embeddedBroker) stop(t *testing.T) {
	if e.b != nil {
		require.NoError(t, e.b.Close())
		e.b = nil
	}
}

// mosquittoBroker runs Debian's mosquitto binary with a generated config
// that listens on the loopback address only.
type mosquittoBroker struct {
	addr, bin, conf string
	cmd             *exec.Cmd
	done            chan error
}

// newMosquitto writes the config, or skips the test when mosquitto is not
// installed (.ci/pipelines installs it with SPINDLE_MOSQUITTO=install).
func newMosquitto(t *testing.T, addr string) *mosquittoBroker {
	bin, err := exec.LookPath("mosquitto")
	if err != nil {
		for _, p := range []string{"/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto"} {
			if _, err2 := os.Stat(p); err2 == nil {
				bin, err = p, nil
			}
		}
	}
	if err != nil {
		t.Skip("mosquitto not installed (apt-get install mosquitto, or SPINDLE_MOSQUITTO=install .ci/pipelines)")
	}
	host, port, err := net.SplitHostPort(addr)
	require.NoError(t, err)
	conf := filepath.Join(t.TempDir(), "mosquitto.conf")
	cfg := strings.Join([]string{
		"listener " + port + " " + host,
		"allow_anonymous true",
		"persistence false",
		"log_dest stderr",
		"log_type error",
		"log_type warning",
	}, "\n") + "\n"
	require.NoError(t, os.WriteFile(conf, []byte(cfg), 0o644))
	return &mosquittoBroker{addr: addr, bin: bin, conf: conf}
}

func (m *mosquittoBroker) start(t *testing.T) {
	t.Helper()
	m.cmd = exec.Command(m.bin, "-c", m.conf)
	m.cmd.Stderr = testWriter{t}
	require.NoError(t, m.cmd.Start())
	m.done = make(chan error, 1)
	go func(c *exec.Cmd, done chan error) { done <- c.Wait() }(m.cmd, m.done)
	require.Eventually(t, func() bool {
		c, err := net.DialTimeout("tcp", m.addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, 5*time.Second, 50*time.Millisecond, "mosquitto did not listen on %s", m.addr)
}

func (m *mosquittoBroker) stop(t *testing.T) {
	if m.cmd == nil {
		return
	}
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-m.done:
	case <-time.After(5 * time.Second):
		_ = m.cmd.Process.Kill()
		<-m.done
	}
	m.cmd = nil
}

// testWriter forwards a child's output to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("mosquitto: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}
