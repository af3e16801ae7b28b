package spindlemqtt

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
)

// ConsumerConfig configures a Consumer. Zero fields take the defaults in
// brackets.
type ConsumerConfig struct {
	ClientConfig
	// Monitor configures each sensor's Monitor, created on its first frame.
	Monitor MonitorConfig
	// Queue is the number of received frames buffered between the MQTT
	// client and the analysis [256]; when full, the client waits
	// (back-pressure through the broker's QoS 1 flow control).
	Queue int
	// MaxPayload is the largest frame analysed, in bytes; a larger message
	// is dropped on arrival and counted in BadFrames [DefaultMaxPacket].
	MaxPayload int
	// MaxSensors bounds the sensors (Monitors) a Consumer keeps [1024].
	// A frame from a new sensor when all are in use evicts the sensor
	// heard from least recently if it has been silent for SensorIdle;
	// otherwise the frame is dropped and counted in SensorDrops. So a flood
	// of new topic names cannot grow the memory without bound.
	MaxSensors int
	// SensorIdle is how long a sensor must have been silent before a new
	// one may take its place [10 min].
	SensorIdle time.Duration
	// Logf receives one line per rejected frame or failed publish; nil
	// discards them (they are still counted).
	Logf func(format string, args ...any)
}

// ConsumerStats counts a Consumer's work.
type ConsumerStats struct {
	Conn          ConnStats
	Frames        int64 // frames analysed
	BadFrames     int64 // frames rejected (bad topic, too large, undecodable, wrong rate)
	Sensors       int   // sensors (Monitors) held now, at most MaxSensors
	Evicted       int64 // idle sensors evicted to make room for new ones
	SensorDrops   int64 // frames of new sensors dropped: MaxSensors reached, none idle
	Published     int64 // alarms and forecasts acknowledged by the broker
	PublishErrors int64 // alarms and forecasts not acknowledged in time
}

// Consumer subscribes to every sensor's frames, runs one Monitor per sensor
// and publishes the alarms and forecasts as JSON at QoS 1. The monitors
// live in the Consumer, not in the connection: when the broker goes away
// the client reconnects and resubscribes by itself, and analysis carries on
// with the same baselines and models.
type Consumer struct {
	cfg   ConsumerConfig
	n     connCounters
	queue chan *paho.Message

	frames, bad, published, pubErrs, evicted, drops atomic.Int64

	mu       sync.Mutex
	monitors map[string]*sensorState
	snap     map[string]MonitorStats
	now      func() time.Time // time.Now; replaced in tests
}

// sensorState is a sensor's Monitor and when it was last heard from.
type sensorState struct {
	mon  *Monitor
	seen time.Time
}

// NewConsumer checks cfg and returns a Consumer; Run connects it.
func NewConsumer(cfg ConsumerConfig) (*Consumer, error) {
	var err error
	if cfg.ClientConfig, err = cfg.ClientConfig.withDefaults(); err != nil {
		return nil, err
	}
	if cfg.Monitor, err = cfg.Monitor.withDefaults(); err != nil {
		return nil, err
	}
	if cfg.Queue <= 0 {
		cfg.Queue = 256
	}
	if cfg.MaxPayload <= 0 {
		cfg.MaxPayload = DefaultMaxPacket
	}
	if cfg.MaxSensors <= 0 {
		cfg.MaxSensors = 1024
	}
	if cfg.SensorIdle <= 0 {
		cfg.SensorIdle = 10 * time.Minute
	}
	if cfg.Logf == nil {
		cfg.Logf = func(string, ...any) {}
	}
	return &Consumer{cfg: cfg, queue: make(chan *paho.Message, cfg.Queue),
		monitors: map[string]*sensorState{}, snap: map[string]MonitorStats{}, now: time.Now}, nil
}

// Stats returns the consumer's counters; safe to call from any goroutine.
func (c *Consumer) Stats() ConsumerStats {
	c.mu.Lock()
	sensors := len(c.snap)
	c.mu.Unlock()
	return ConsumerStats{Conn: c.n.stats(), Frames: c.frames.Load(), BadFrames: c.bad.Load(),
		Sensors: sensors, Evicted: c.evicted.Load(), SensorDrops: c.drops.Load(),
		Published: c.published.Load(), PublishErrors: c.pubErrs.Load()}
}

// Sensor returns the counters of a sensor's Monitor after its latest
// frame; safe to call from any goroutine.
func (c *Consumer) Sensor(name string) (MonitorStats, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.snap[name]
	return s, ok
}

// Run connects, subscribes to <prefix>/+/accel and analyses frames until
// ctx is done, then disconnects and returns nil. It returns an error only
// when the first connection fails within ConnectTimeout; later outages are
// ridden out by reconnecting every ReconnectInterval.
func (c *Consumer) Run(ctx context.Context) error {
	topic := c.cfg.Topic("+", "accel")
	handler := func(_ paho.Client, m paho.Message) {
		if n := len(m.Payload()); n > c.cfg.MaxPayload {
			c.reject("topic %q: %d-byte payload, over the %d-byte limit", m.Topic(), n, c.cfg.MaxPayload)
			return
		}
		msg := m
		select {
		case c.queue <- &msg:
		case <-ctx.Done():
		}
	}
	client, err := dial(c.cfg.ClientConfig, &c.n, func(cl paho.Client) {
		if err := wait(cl.Subscribe(topic, 1, handler), c.cfg.AckTimeout, "subscribe "+topic); err != nil {
			c.cfg.Logf("%v", err)
			return
		}
		c.n.subscribed.Add(1)
	})
	if err != nil {
		return err
	}
	defer client.Disconnect(250)
	var frame Frame
	var events []Event
	for {
		select {
		case <-ctx.Done():
			return nil
		case m := <-c.queue:
			events = c.handle(client, *m, &frame, events[:0])
		}
	}
}

// handle analyses one received message and publishes what it yields.
func (c *Consumer) handle(client paho.Client, m paho.Message, f *Frame, events []Event) []Event {
	sensor, ok := c.sensorOf(m.Topic())
	if !ok {
		c.reject("topic %q is not %s", m.Topic(), c.cfg.Topic("<sensor>", "accel"))
		return events
	}
	if err := DecodeFrame(f, m.Payload()); err != nil {
		c.reject("sensor %s: %v", sensor, err)
		return events
	}
	mon, err := c.monitor(sensor)
	if err != nil {
		c.reject("sensor %s: %v", sensor, err)
		return events
	}
	if mon == nil {
		if c.drops.Add(1) == 1 {
			c.cfg.Logf("spindlemqtt: %d sensors in use, none idle for %v: frames of new sensor %s and later ones dropped (counted in SensorDrops)",
				c.cfg.MaxSensors, c.cfg.SensorIdle, sensor)
		}
		return events
	}
	events, err = mon.Process(events, f)
	if err != nil {
		c.reject("%v", err)
	} else {
		c.frames.Add(1)
	}
	c.mu.Lock()
	c.snap[sensor] = mon.Stats()
	c.mu.Unlock()
	for _, e := range events {
		kind, v := "rul", any(e.Forecast)
		if e.Alarm != nil {
			kind, v = "alarm", e.Alarm
		}
		c.publish(client, c.cfg.Topic(sensor, kind), v)
	}
	return events
}

// sensorOf extracts the sensor from <prefix>/<sensor>/accel.
func (c *Consumer) sensorOf(topic string) (string, bool) {
	rest, ok := strings.CutPrefix(topic, c.cfg.Prefix+"/")
	if !ok {
		return "", false
	}
	sensor, ok := strings.CutSuffix(rest, "/accel")
	return sensor, ok && sensor != "" && !strings.Contains(sensor, "/")
}

// monitor returns the sensor's Monitor, creating it on first use, and
// marks the sensor as heard from now. At MaxSensors it evicts the least
// recently heard sensor if that one is idle, and otherwise returns nil.
func (c *Consumer) monitor(sensor string) (*Monitor, error) {
	now := c.now()
	if s, ok := c.monitors[sensor]; ok {
		s.seen = now
		return s.mon, nil
	}
	if len(c.monitors) >= c.cfg.MaxSensors {
		var oldest string
		var at time.Time
		for name, s := range c.monitors {
			if oldest == "" || s.seen.Before(at) {
				oldest, at = name, s.seen
			}
		}
		if now.Sub(at) < c.cfg.SensorIdle {
			return nil, nil
		}
		delete(c.monitors, oldest)
		c.mu.Lock()
		delete(c.snap, oldest)
		c.mu.Unlock()
		c.evicted.Add(1)
		c.cfg.Logf("spindlemqtt: sensor %s evicted after %v of silence to make room for %s", oldest, now.Sub(at), sensor)
	}
	m, err := NewMonitor(sensor, c.cfg.Monitor)
	if err != nil {
		return nil, err
	}
	c.monitors[sensor] = &sensorState{mon: m, seen: now}
	return m, nil
}

// reject counts and logs a frame that could not be analysed.
func (c *Consumer) reject(format string, args ...any) {
	c.bad.Add(1)
	c.cfg.Logf("spindlemqtt: rejected frame: "+format, args...)
}

// publish sends v as JSON to topic at QoS 1 and waits for the
// acknowledgement.
func (c *Consumer) publish(client paho.Client, topic string, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = wait(client.Publish(topic, 1, false, b), c.cfg.AckTimeout, "publish "+topic)
	}
	if err != nil {
		c.pubErrs.Add(1)
		c.cfg.Logf("%v", err)
		return
	}
	c.published.Add(1)
}
