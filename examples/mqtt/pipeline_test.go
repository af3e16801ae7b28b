package spindlemqtt

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/spindle-pdm/spindle/rul"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// watcher subscribes to every sensor's alarms and forecasts, resubscribing
// after a reconnection, and keeps what arrives with its arrival time.
type watcher struct {
	c paho.Client
	n connCounters

	mu        sync.Mutex
	alarms    []Alarm
	alarmAt   []time.Time
	forecasts []Forecast
	errs      []string
}

func newWatcher(t *testing.T, cfg ClientConfig) *watcher {
	w := &watcher{}
	cfg, err := cfg.withDefaults()
	require.NoError(t, err)
	filters := map[string]byte{cfg.Topic("+", "alarm"): 1, cfg.Topic("+", "rul"): 1}
	w.c, err = dial(cfg, &w.n, func(c paho.Client) {
		if wait(c.SubscribeMultiple(filters, w.receive), cfg.AckTimeout, "watcher subscribe") == nil {
			w.n.subscribed.Add(1)
		}
	})
	require.NoError(t, err)
	t.Cleanup(func() { w.c.Disconnect(100) })
	return w
}

func (w *watcher) receive(_ paho.Client, m paho.Message) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var err error
	switch {
	case strings.HasSuffix(m.Topic(), "/alarm"):
		var a Alarm
		if err = json.Unmarshal(m.Payload(), &a); err == nil {
			w.alarms = append(w.alarms, a)
			w.alarmAt = append(w.alarmAt, time.Now())
		}
	default:
		var f Forecast
		if err = json.Unmarshal(m.Payload(), &f); err == nil {
			w.forecasts = append(w.forecasts, f)
		}
	}
	if err != nil {
		w.errs = append(w.errs, m.Topic()+": "+err.Error())
	}
}

// lastWindow returns the window of the latest forecast, or -1.
func (w *watcher) lastWindow() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.forecasts) == 0 {
		return -1
	}
	return w.forecasts[len(w.forecasts)-1].Window
}

func (w *watcher) snapshot() ([]Alarm, []time.Time, []Forecast, []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]Alarm(nil), w.alarms...), append([]time.Time(nil), w.alarmAt...),
		append([]Forecast(nil), w.forecasts...), append([]string(nil), w.errs...)
}

// Scenario of the end-to-end test: 0.1 s frames at 25.6 kHz (one feature
// window each); sensor "bearing1" develops an outer-race fault from frame
// 60 (6 s), "bearing2" stays healthy; the broker restarts after frame
// restartAt.
const (
	onsetFrame = 60
	restartAt  = 90
	lastFrame  = 110
)

var pipelineMonitor = MonitorConfig{Rate: 25600, Window: 2560, BaselineWindows: 30, DegradationTime: 5,
	ForecastEvery: 1, Sampling: rul.SamplingConfig{Samples: 500, Seed: 7}}

func newSensors(t *testing.T) (faulty, healthy *Simulator) {
	var err error
	faulty, err = NewSimulator(SimConfig{Seed: 1, Severity: Ramp(onsetFrame, 0.2, 0.05)})
	require.NoError(t, err)
	healthy, err = NewSimulator(SimConfig{Seed: 2})
	require.NoError(t, err)
	return faulty, healthy
}

func TestPipelineEmbeddedBroker(t *testing.T) {
	addr, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	testPipeline(t, &embeddedBroker{addr: addr}, addr)
}

func TestPipelineMosquitto(t *testing.T) {
	addr, err := FreePort("127.0.0.1")
	require.NoError(t, err)
	testPipeline(t, newMosquitto(t, addr), addr)
}

// testPipeline runs simulator → broker → consumer → broker → watcher,
// checks the alarm and its latency, restarts the broker and checks that
// the consumer reconnects and carries on with the same state.
func testPipeline(t *testing.T, b testBroker, addr string) {
	b.start(t)
	t.Cleanup(func() { b.stop(t) })
	client := func(id string) ClientConfig {
		return ClientConfig{Broker: "tcp://" + addr, ClientID: id, Username: testUser, Password: testPassword, ConnectTimeout: 3 * time.Second,
			ReconnectInterval: 100 * time.Millisecond, AckTimeout: 3 * time.Second}
	}

	cons, err := NewConsumer(ConsumerConfig{ClientConfig: client("consumer"), Monitor: pipelineMonitor, Logf: t.Logf})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	done := make(chan error, 1)
	go func() { done <- cons.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			assert.NoError(t, err)
		case <-time.After(10 * time.Second):
			t.Error("consumer did not stop within 10 s")
		}
	})
	w := newWatcher(t, client("watcher"))
	pub, err := NewPublisher(client("simulator"))
	require.NoError(t, err)
	t.Cleanup(pub.Close)
	require.Eventually(t, func() bool { return cons.Stats().Conn.Subscribed == 1 && w.n.subscribed.Load() == 1 },
		5*time.Second, 10*time.Millisecond, "consumer and watcher subscribed")

	faulty, healthy := newSensors(t)
	var f Frame
	sent := map[uint64]time.Time{}
	publish := func(from, to int) {
		for k := from; k < to; k++ {
			require.NoError(t, faulty.Next(&f))
			require.NoError(t, pub.Publish("bearing1", &f))
			sent[f.Seq] = time.Now()
			require.NoError(t, healthy.Next(&f))
			require.NoError(t, pub.Publish("bearing2", &f))
		}
	}
	// waitFor waits until the consumer has analysed every frame sent and
	// the watcher has the forecast of the faulty sensor's last window.
	waitFor := func(frames int) {
		ok := assert.Eventually(t, func() bool {
			return cons.Stats().Frames == int64(2*frames) && w.lastWindow() == int64(frames-1)
		}, 20*time.Second, 10*time.Millisecond, "all %d frames analysed and forecast", frames)
		if !ok {
			t.Fatalf("consumer %+v, watcher's last forecast for window %d", cons.Stats(), w.lastWindow())
		}
	}

	// Phase 1: baseline, fault onset, alarm.
	publish(0, restartAt)
	waitFor(restartAt)
	alarms, alarmAt, before, errs := w.snapshot()
	require.Empty(t, errs)
	require.Len(t, alarms, 1, "one alarm, for the faulty sensor only")
	a := alarms[0]
	assert.Equal(t, "bearing1", a.Sensor)
	onset := float64(onsetFrame) * 0.1
	assert.GreaterOrEqual(t, a.Time, onset, "no alarm before the fault")
	assert.LessOrEqual(t, a.Time-onset, 3.0, "alarm within 3 s of sensor time after the onset")
	latency := alarmAt[0].Sub(sent[uint64(a.Window)])
	t.Logf("alarm at sensor time %.1f s (onset %.1f s), health %.2f, z %.1f; end-to-end latency %v", a.Time, onset, a.Health, a.Z, latency)
	assert.Less(t, latency, 2*time.Second, "alarm published within 2 s of the frame that raised it")
	require.NotEmpty(t, before)
	last := before[len(before)-1]
	require.Greater(t, last.Updates, 3, "the RUL model has absorbed updates before the restart")

	// Phase 2: restart the broker; every client reconnects by itself.
	b.stop(t)
	require.Eventually(t, func() bool {
		return cons.Stats().Conn.Lost >= 1 && w.n.lost.Load() >= 1 && pub.ConnStats().Lost >= 1
	}, 10*time.Second, 10*time.Millisecond, "clients saw the broker go")
	b.start(t)
	require.Eventually(t, func() bool {
		return cons.Stats().Conn.Subscribed == 2 && w.n.subscribed.Load() == 2 && pub.Connected()
	}, 10*time.Second, 10*time.Millisecond, "clients reconnected and resubscribed")

	// Phase 3: the stream goes on after the restart.
	publish(restartAt, lastFrame)
	waitFor(lastFrame)
	alarms, _, all, errs := w.snapshot()
	require.Empty(t, errs)
	assert.Len(t, alarms, 1, "no second alarm: the alarm state survived")
	after := all[len(before):]
	require.Len(t, after, lastFrame-restartAt)
	first := after[0]
	assert.Equal(t, last.Window+1, first.Window, "window count carries on")
	assert.Equal(t, last.Updates+1, first.Updates, "the RUL model carries on from its pre-restart updates")
	assert.Equal(t, last.BaselineRMS, first.BaselineRMS, "baseline kept")
	assert.Equal(t, last.Onset, first.Onset, "onset kept")
	st := cons.Stats()
	assert.Equal(t, ConsumerStats{Conn: ConnStats{Connects: 2, Lost: 1, Subscribed: 2}, Frames: 2 * lastFrame, Sensors: 2,
		Published: int64(1 + len(all))}, st)
	h, ok := cons.Sensor("bearing2")
	require.True(t, ok)
	assert.Equal(t, MonitorStats{Frames: lastFrame, Windows: lastFrame}, h)

	// Proof of state: an offline Monitor fed the whole stream in one go
	// produces exactly the alarm and forecasts that came over MQTT across
	// the restart (RUL quantiles use the model's random stream, so they
	// match only if the model, its sums and its stream position carried
	// over) ...
	ref, err := NewMonitor("bearing1", pipelineMonitor)
	require.NoError(t, err)
	faulty, _ = newSensors(t)
	var want []Forecast
	var wantAlarm *Alarm
	for k := 0; k < lastFrame; k++ {
		require.NoError(t, faulty.Next(&f))
		events, err := ref.Process(nil, &f)
		require.NoError(t, err)
		for _, e := range events {
			if e.Alarm != nil {
				wantAlarm = e.Alarm
			} else {
				want = append(want, roundTrip(t, e.Forecast))
			}
		}
	}
	require.NotNil(t, wantAlarm)
	assert.Equal(t, roundTrip(t, wantAlarm), a)
	assert.Equal(t, want, all)

	// ... while a Monitor that starts afresh at the restart has no
	// baseline yet and says nothing.
	fresh, err := NewMonitor("bearing1", pipelineMonitor)
	require.NoError(t, err)
	faulty, _ = newSensors(t)
	var nothing []Event
	for k := 0; k < lastFrame; k++ {
		require.NoError(t, faulty.Next(&f))
		if k >= restartAt {
			nothing, err = fresh.Process(nothing, &f)
			require.NoError(t, err)
		}
	}
	assert.Empty(t, nothing)
}

// roundTrip returns v after JSON encoding and decoding, as a watcher sees it.
func roundTrip[T any](t *testing.T, v *T) T {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var out T
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}
