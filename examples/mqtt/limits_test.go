package spindlemqtt

import (
	"context"
	"runtime"
	"strconv"
	"testing"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startTestBroker starts an authenticating broker on a free loopback port.
func startTestBroker(t *testing.T, cfg BrokerConfig) *Broker {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	if cfg.Users == nil {
		cfg.Users = map[string]string{testUser: testPassword}
	}
	b, err := StartBroker(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { b.Close() })
	return b
}

func testClient(b *Broker, id string) ClientConfig {
	return ClientConfig{Broker: b.URL(), ClientID: id, Username: testUser, Password: testPassword,
		ConnectTimeout: 2 * time.Second, AckTimeout: 3 * time.Second}
}

// TestBrokerAuthentication: the zero BrokerConfig does not start an open
// broker, and clients without the right credentials are refused.
func TestBrokerAuthentication(t *testing.T) {
	_, err := StartBroker(BrokerConfig{Addr: "127.0.0.1:0"})
	require.ErrorIs(t, err, errNoAuth)

	b := startTestBroker(t, BrokerConfig{})
	for _, cc := range []ClientConfig{
		{Broker: b.URL(), ClientID: "anonymous"},
		{Broker: b.URL(), ClientID: "wrong", Username: testUser, Password: "guess"},
		{Broker: b.URL(), ClientID: "nouser", Username: "mallory", Password: testPassword},
	} {
		cc.ConnectTimeout = time.Second
		cc.ReconnectInterval = 50 * time.Millisecond
		p, err := NewPublisher(cc)
		if !assert.Error(t, err, "client %s connected", cc.ClientID) {
			p.Close()
		}
	}
	p, err := NewPublisher(testClient(b, "right"))
	require.NoError(t, err)
	p.Close()
}

// rawPublish publishes payload to topic and reports whether the broker
// acknowledged it within a second.
func rawPublish(t *testing.T, c paho.Client, topic string, payload []byte) bool {
	t.Helper()
	tok := c.Publish(topic, 1, false, payload)
	return tok.WaitTimeout(time.Second) && tok.Error() == nil
}

func rawClient(t *testing.T, b *Broker, id string) paho.Client {
	t.Helper()
	c := paho.NewClient(paho.NewClientOptions().AddBroker(b.URL()).SetClientID(id).
		SetUsername(testUser).SetPassword(testPassword).SetAutoReconnect(false))
	tok := c.Connect()
	require.True(t, tok.WaitTimeout(2*time.Second))
	require.NoError(t, tok.Error())
	t.Cleanup(func() { c.Disconnect(0) })
	return c
}

// runConsumer runs a Consumer until the test ends and waits for its
// subscription.
func runConsumer(t *testing.T, cfg ConsumerConfig) *Consumer {
	t.Helper()
	cons, err := NewConsumer(cfg)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cons.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	require.Eventually(t, func() bool { return cons.Stats().Conn.Subscribed > 0 }, 5*time.Second, 5*time.Millisecond)
	return cons
}

// TestPayloadLimits: the broker refuses a packet over its MaxPacket (the
// 64 MiB payload of the issue, scaled down), and the consumer drops and
// counts a frame over its MaxPayload without analysing it.
func TestPayloadLimits(t *testing.T) {
	b := startTestBroker(t, BrokerConfig{MaxPacket: 256 << 10})
	cons := runConsumer(t, ConsumerConfig{ClientConfig: testClient(b, "consumer"), Monitor: pipelineMonitor, MaxPayload: 64 << 10})

	big := rawClient(t, b, "big")
	assert.False(t, rawPublish(t, big, "spindle/s1/accel", make([]byte, 1<<20)), "a 1 MiB packet passed a 256 KiB broker limit")

	mid := rawClient(t, b, "mid")
	f := Frame{Rate: 25600, Samples: make([]float32, 30000)} // 120 KB: under the broker's, over the consumer's limit
	require.True(t, rawPublish(t, mid, "spindle/s2/accel", AppendFrame(nil, &f)))
	require.Eventually(t, func() bool { return cons.Stats().BadFrames == 1 }, 5*time.Second, 5*time.Millisecond)
	st := cons.Stats()
	assert.Zero(t, st.Frames)
	assert.Zero(t, st.Sensors, "no Monitor for an oversized frame")
}

// heapMB is the live heap after a collection, MB.
func heapMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / 1e6
}

// TestConsumerNewTopicFlood: a flood of frames under new sensor names on
// the loopback broker (the 20 000 names grew the heap by 411 MB)
// keeps at most MaxSensors Monitors; the rest are dropped and counted, and
// the heap stays flat.
func TestConsumerNewTopicFlood(t *testing.T) {
	const maxSensors, names = 16, 2000
	b := startTestBroker(t, BrokerConfig{})
	cons := runConsumer(t, ConsumerConfig{ClientConfig: testClient(b, "consumer"), Monitor: pipelineMonitor, MaxSensors: maxSensors})
	pub, err := NewPublisher(testClient(b, "flood"))
	require.NoError(t, err)
	defer pub.Close()
	sim, err := NewSimulator(SimConfig{Seed: 3})
	require.NoError(t, err)
	var f Frame
	publish := func(from, to int) {
		for i := from; i < to; i++ {
			require.NoError(t, sim.Next(&f))
			require.NoError(t, pub.Publish("flood"+strconv.Itoa(i), &f))
		}
		require.Eventually(t, func() bool {
			st := cons.Stats()
			return st.Frames+st.SensorDrops+st.BadFrames >= int64(to)
		}, 30*time.Second, 5*time.Millisecond)
	}
	publish(0, 2*maxSensors) // every Monitor allocated, warm
	before := heapMB()
	publish(2*maxSensors, names)
	after := heapMB()
	st := cons.Stats()
	t.Logf("heap %.1f MB → %.1f MB after %d new names; %+v", before, after, names, st)
	assert.Equal(t, maxSensors, st.Sensors)
	assert.Equal(t, int64(maxSensors), st.Frames)
	assert.Equal(t, int64(names-maxSensors), st.SensorDrops)
	assert.Zero(t, st.Evicted, "no sensor was idle long enough")
	assert.Less(t, after-before, 2.0, "heap grew with the number of names")
}

// TestConsumerEvictsIdleSensors: at MaxSensors a new sensor takes the place
// of the one silent longest, once that one has been silent for SensorIdle.
func TestConsumerEvictsIdleSensors(t *testing.T) {
	cons, err := NewConsumer(ConsumerConfig{ClientConfig: ClientConfig{Broker: "tcp://127.0.0.1:1", ClientID: "c"},
		Monitor: pipelineMonitor, MaxSensors: 2, SensorIdle: time.Minute})
	require.NoError(t, err)
	t0 := time.Unix(1e9, 0)
	now := t0
	cons.now = func() time.Time { return now }
	get := func(name string) *Monitor {
		m, err := cons.monitor(name)
		require.NoError(t, err)
		return m
	}
	a := get("a")
	now = t0.Add(10 * time.Second)
	require.NotNil(t, get("b"))
	now = t0.Add(30 * time.Second)
	assert.Nil(t, get("c"), "full, nobody idle for a minute")
	assert.Same(t, a, get("a"), "a heard from again at 30 s")
	now = t0.Add(75 * time.Second) // b silent 65 s, a 45 s
	require.NotNil(t, get("c"))
	assert.Equal(t, int64(1), cons.evicted.Load())
	assert.Contains(t, cons.monitors, "a")
	assert.NotContains(t, cons.monitors, "b", "the sensor silent longest goes")
}
