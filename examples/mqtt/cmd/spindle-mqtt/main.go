// Command spindle-mqtt runs Spindle's MQTT integration: an embedded broker,
// a bearing simulator that publishes accelerometer frames, and the
// consumer that publishes alarms and RUL forecasts.
//
//	spindle-mqtt demo                                   # all of it in one process, on loopback
//	export SPINDLE_MQTT_PASSWORD=...                    # the broker authenticates every client
//	spindle-mqtt broker   -addr 127.0.0.1:1883 -user spindle
//	spindle-mqtt consume  -broker tcp://127.0.0.1:1883 -user spindle
//	spindle-mqtt simulate -broker tcp://127.0.0.1:1883 -user spindle -sensor bearing1 -frames 1200 -onset 300 -realtime
//	mosquitto_sub -u spindle -P "$SPINDLE_MQTT_PASSWORD" -t 'spindle/+/alarm' -t 'spindle/+/rul'
//
// The password is read from the environment variable SPINDLE_MQTT_PASSWORD,
// not from a flag, so that it stays out of the process list.
//
// See docs/pipelines.md.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	paho "github.com/eclipse/paho.mqtt.golang"
	spindlemqtt "github.com/spindle-pdm/spindle/examples/mqtt"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: spindle-mqtt demo|broker|consume|simulate [flags]")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	broker := fs.String("broker", "tcp://127.0.0.1:1883", "broker URL")
	prefix := fs.String("prefix", "spindle", "topic prefix")
	user := fs.String("user", "spindle", "MQTT username (password: env SPINDLE_MQTT_PASSWORD)")
	password := os.Getenv("SPINDLE_MQTT_PASSWORD")
	client := func(url, id, prefix string) spindlemqtt.ClientConfig {
		return spindlemqtt.ClientConfig{Broker: url, ClientID: id, Prefix: prefix, Username: *user, Password: password}
	}
	var err error
	switch os.Args[1] {
	case "demo":
		frames := fs.Int("frames", 160, "frames per sensor (0.1 s each)")
		fs.Parse(os.Args[2:])
		err = demo(ctx, os.Stdout, *frames)
	case "broker":
		addr := fs.String("addr", "127.0.0.1:1883", "listen address (loopback by default)")
		anon := fs.Bool("anonymous", false, "accept clients without credentials (loopback demos only)")
		fs.Parse(os.Args[2:])
		cfg := spindlemqtt.BrokerConfig{Addr: *addr, AllowAnonymous: *anon}
		if password != "" {
			cfg.Users = map[string]string{*user: password}
		} else if !*anon {
			err = fmt.Errorf("set SPINDLE_MQTT_PASSWORD for user %q, or pass -anonymous", *user)
			break
		}
		var b *spindlemqtt.Broker
		if b, err = spindlemqtt.StartBroker(cfg); err == nil {
			log.Printf("broker on %s; Ctrl-C stops it", b.URL())
			<-ctx.Done()
			err = b.Close()
		}
	case "consume":
		cfg := monitorFlags(fs)
		fs.Parse(os.Args[2:])
		err = consume(ctx, client(*broker, "spindle-consumer", *prefix), *cfg)
	case "simulate":
		sensor := fs.String("sensor", "bearing1", "sensor name")
		n := fs.Int("frames", 1200, "frames to publish (0.1 s each)")
		onset := fs.Int("onset", 300, "frame at which the fault starts (-1: healthy)")
		realtime := fs.Bool("realtime", false, "publish at the sensor's pace, 10 frames/s")
		seed := fs.Uint64("seed", 1, "random seed")
		fs.Parse(os.Args[2:])
		err = simulate(ctx, client(*broker, "spindle-sim-"+*sensor, *prefix), *sensor, *n, *onset, *realtime, *seed)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		log.Fatal(err)
	}
}

// monitorFlags declares the consumer's analysis settings.
func monitorFlags(fs *flag.FlagSet) *spindlemqtt.MonitorConfig {
	c := &spindlemqtt.MonitorConfig{}
	fs.Float64Var(&c.Rate, "rate", 25600, "sensor sample rate, Hz")
	fs.IntVar(&c.Window, "window", 2560, "feature window, samples")
	fs.IntVar(&c.BaselineWindows, "baseline", 50, "windows that learn the healthy baseline")
	fs.Float64Var(&c.DegradationTime, "degradation_time", 60, "typical time from alarm to failure, s (RUL prior)")
	fs.IntVar(&c.ForecastEvery, "forecast_every", 10, "windows between forecasts")
	return c
}

func consume(ctx context.Context, cc spindlemqtt.ClientConfig, mc spindlemqtt.MonitorConfig) error {
	c, err := spindlemqtt.NewConsumer(spindlemqtt.ConsumerConfig{ClientConfig: cc, Monitor: mc, Logf: log.Printf})
	if err != nil {
		return err
	}
	log.Printf("consuming %s", cc.Topic("+", "accel"))
	return c.Run(ctx)
}

func simulate(ctx context.Context, cc spindlemqtt.ClientConfig, sensor string, n, onset int, realtime bool, seed uint64) error {
	cfg := spindlemqtt.SimConfig{Seed: seed}
	if onset >= 0 {
		cfg.Severity = spindlemqtt.Ramp(uint64(onset), 0.2, 0.02)
	}
	sim, err := spindlemqtt.NewSimulator(cfg)
	if err != nil {
		return err
	}
	pub, err := spindlemqtt.NewPublisher(cc)
	if err != nil {
		return err
	}
	defer pub.Close()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var f spindlemqtt.Frame
	for range n {
		if realtime {
			select {
			case <-tick.C:
			case <-ctx.Done():
				return nil
			}
		}
		if err := sim.Next(&f); err != nil {
			return err
		}
		if err := pub.Publish(sensor, &f); err != nil {
			return err
		}
	}
	return nil
}

// demo runs broker, consumer, a printing subscriber and two simulated
// sensors (bearing1 develops a fault at frame 60) in one process and
// prints the alarms and every 10th forecast.
func demo(ctx context.Context, w io.Writer, frames int) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	// A one-off password: the demo's broker authenticates its clients too.
	pw := strconv.FormatUint(rand.Uint64(), 36)
	b, err := spindlemqtt.StartBroker(spindlemqtt.BrokerConfig{Addr: "127.0.0.1:0", Users: map[string]string{"demo": pw}})
	if err != nil {
		return err
	}
	client := func(url, id, prefix string) spindlemqtt.ClientConfig {
		return spindlemqtt.ClientConfig{Broker: url, ClientID: id, Prefix: prefix, Username: "demo", Password: pw}
	}
	defer b.Close()
	fmt.Fprintf(w, "broker %s\n", b.URL())
	mc := spindlemqtt.MonitorConfig{Rate: 25600, Window: 2560, BaselineWindows: 30, DegradationTime: 10, ForecastEvery: 10}
	cons, err := spindlemqtt.NewConsumer(spindlemqtt.ConsumerConfig{ClientConfig: client(b.URL(), "consumer", "spindle"), Monitor: mc})
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cons.Run(ctx) }()
	defer func() { cancel(); <-done }()

	got := make(chan string, 64)
	sub := paho.NewClient(paho.NewClientOptions().AddBroker(b.URL()).SetClientID("printer").SetUsername("demo").SetPassword(pw))
	if tok := sub.Connect(); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		return fmt.Errorf("printer: connect: %v", tok.Error())
	}
	defer sub.Disconnect(100)
	print := func(_ paho.Client, m paho.Message) { got <- m.Topic() + " " + string(m.Payload()) }
	if tok := sub.SubscribeMultiple(map[string]byte{"spindle/+/alarm": 1, "spindle/+/rul": 1}, print); !tok.WaitTimeout(5*time.Second) || tok.Error() != nil {
		return fmt.Errorf("printer: subscribe: %v", tok.Error())
	}
	for deadline := time.Now().Add(5 * time.Second); cons.Stats().Conn.Subscribed == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return fmt.Errorf("consumer did not subscribe within 5 s")
		}
	}
	errs := make(chan error, 2)
	go func() { errs <- simulate(ctx, client(b.URL(), "sim1", "spindle"), "bearing1", frames, 60, false, 1) }()
	go func() { errs <- simulate(ctx, client(b.URL(), "sim2", "spindle"), "bearing2", frames, -1, false, 2) }()
	for range 2 {
		if err := <-errs; err != nil {
			return err
		}
	}
	for deadline := time.Now().Add(20 * time.Second); cons.Stats().Frames < int64(2*frames); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			return fmt.Errorf("consumer analysed %d of %d frames in time", cons.Stats().Frames, 2*frames)
		}
	}
	time.Sleep(200 * time.Millisecond) // let the last messages through
	for {
		select {
		case line := <-got:
			if strings.Contains(line, "/alarm ") {
				var a spindlemqtt.Alarm
				json.Unmarshal([]byte(line[strings.IndexByte(line, ' ')+1:]), &a)
				fmt.Fprintf(w, "ALARM %s at %.1f s: RMS %.3f g = %.2f × baseline, kurtosis %.1f\n", a.Sensor, a.Time, a.RMS, a.Health, a.Kurtosis)
			} else {
				fmt.Fprintln(w, line)
			}
		default:
			fmt.Fprintf(w, "consumer: %+v\n", cons.Stats())
			return nil
		}
	}
}
