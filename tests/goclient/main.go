// Command goclient starts the plugin executable with HashiCorp's real go-plugin client, configured like Grafana's
// (grafana/grafana pkg/plugins/backendplugin/grpcplugin/client.go; constants from grafana-plugin-sdk-go
// backend/grpcplugin/handshake.go), so that a mismatch with the client Grafana embeds fails our CI.
//
// Usage: goclient <path to gpx_…_linux_amd64>
// Prints one JSON report on stdout and exits 0 only if every check passed.
//
// Built offline against Debian's golang-github-hashicorp-go-plugin-dev (go-plugin 1.0.1), in GOPATH mode.
// That version has no ClientConfig.SkipHostEnv: it always appends the host environment, so the caller runs this
// program with an empty environment to give the plugin what Grafana gives it with host env skipped.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
)

// Grafana's handshake: protocol version 2, cookie grafana_plugin_type=datasource (SDK-GO handshake.go).
var handshake = plugin.HandshakeConfig{
	ProtocolVersion:  2,
	MagicCookieKey:   "grafana_plugin_type",
	MagicCookieValue: "datasource",
}

// connPlugin hands out the raw gRPC connection; Grafana's typed clients wrap the same connection.
type connPlugin struct{ plugin.NetRPCUnsupportedPlugin }

func (connPlugin) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("client only")
}
func (connPlugin) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return c, nil
}

// rawCodec sends and receives protobuf bytes untouched, so this program needs no generated pluginv2 code.
type rawCodec struct{}

func (rawCodec) Marshal(v interface{}) ([]byte, error) { return *(v.(*[]byte)), nil }
func (rawCodec) Unmarshal(data []byte, v interface{}) error {
	*(v.(*[]byte)) = append([]byte(nil), data...)
	return nil
}
func (rawCodec) Name() string { return "proto" }

// syncBuffer collects the client's own hclog output (go-plugin logs "plugin exited" / "plugin failed to exit
// gracefully" there, and re-logs every plugin stderr line).
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type healthResult struct {
	Status  uint64 `json:"status"`
	Message string `json:"message"`
}

type report struct {
	NegotiatedVersion int           `json:"negotiatedVersion"`
	Protocol          string        `json:"protocol"`
	Ping              string        `json:"ping"`
	CheckHealth       *healthResult `json:"checkHealth,omitempty"`
	AliveBeforeKill   bool          `json:"aliveBeforeKill"`
	KillMs            int64         `json:"killMs"`
	Exited            bool          `json:"exited"`
	Graceful          bool          `json:"graceful"`
	PluginLogLines    int           `json:"pluginLogLines"`
	UnparsedLogLines  []string      `json:"unparsedLogLines"`
	Errors            []string      `json:"errors"`
	ClientLog         string        `json:"clientLog"`
}

// readVarint decodes a protobuf base-128 varint.
func readVarint(b []byte) (uint64, int, error) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * uint(i))
		if b[i] < 0x80 {
			return v, i + 1, nil
		}
	}
	return 0, 0, errors.New("bad varint")
}

// decodeCheckHealth reads CheckHealthResponse by field number (1 status enum, 2 message string, 3 jsonDetails bytes:
// SDK-GO proto/backend.proto), independently of our own .proto files.
func decodeCheckHealth(b []byte) (*healthResult, error) {
	r := &healthResult{}
	for len(b) > 0 {
		key, n, err := readVarint(b)
		if err != nil {
			return nil, err
		}
		b = b[n:]
		field, wire := key>>3, key&7
		switch wire {
		case 0:
			v, n, err := readVarint(b)
			if err != nil {
				return nil, err
			}
			b = b[n:]
			if field == 1 {
				r.Status = v
			}
		case 2:
			l, n, err := readVarint(b)
			if err != nil || uint64(len(b)-n) < l {
				return nil, errors.New("bad length")
			}
			if field == 2 {
				r.Message = string(b[n : n+int(l)])
			}
			b = b[n+int(l):]
		default:
			return nil, fmt.Errorf("unexpected wire type %d", wire)
		}
	}
	return r, nil
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goclient <plugin executable>")
		os.Exit(2)
	}
	rep := &report{Errors: []string{}, UnparsedLogLines: []string{}}
	logBuf := &syncBuffer{}
	logger := hclog.New(&hclog.LoggerOptions{Name: "plugin.test", Level: hclog.Trace, Output: logBuf, JSONFormat: true})

	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  handshake,
		VersionedPlugins: map[int]plugin.PluginSet{2: {"diagnostics": connPlugin{}}},
		Cmd:              exec.Command(os.Args[1]),
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Logger:           logger,
	})
	fail := func(format string, a ...interface{}) { rep.Errors = append(rep.Errors, fmt.Sprintf(format, a...)) }

	rpcClient, err := client.Client()
	if err != nil {
		fail("start: %v", err)
	} else {
		rep.NegotiatedVersion = client.NegotiatedVersion()
		rep.Protocol = string(client.Protocol())
		if err := rpcClient.Ping(); err != nil {
			fail("ping (grpc.health.v1 service \"plugin\"): %v", err)
		} else {
			rep.Ping = "ok"
		}
		raw, err := rpcClient.Dispense("diagnostics")
		if err != nil {
			fail("dispense: %v", err)
		} else {
			conn := raw.(*grpc.ClientConn)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			// An empty CheckHealthRequest: no plugin context, as when the instance has default settings.
			in, out := []byte{}, []byte{}
			err := conn.Invoke(ctx, "/pluginv2.Diagnostics/CheckHealth", &in, &out, grpc.ForceCodec(rawCodec{}))
			cancel()
			if err != nil {
				fail("CheckHealth: %v", err)
			} else if h, err := decodeCheckHealth(out); err != nil {
				fail("CheckHealth response: %v", err)
			} else {
				rep.CheckHealth = h
			}
		}
	}

	// A plugin that exited on its own would also look "graceful" below; it must be alive until told to stop.
	rep.AliveBeforeKill = !client.Exited()
	if !rep.AliveBeforeKill {
		fail("plugin exited before Kill()")
	}
	start := time.Now()
	client.Kill()
	rep.KillMs = time.Since(start).Milliseconds()
	rep.Exited = client.Exited()
	log := logBuf.String()
	rep.ClientLog = log
	// go-plugin logs this warning right before it SIGKILLs a plugin that did not exit within 2 s of Shutdown.
	rep.Graceful = rep.Exited && !strings.Contains(log, "plugin failed to exit gracefully")
	// go-plugin re-logs each plugin stderr line under "plugin.test.<file name>". A line it could not parse as hclog
	// JSON (e.g. an @timestamp without exactly 6 fractional digits) is re-logged at debug with the raw line as message.
	for _, line := range strings.Split(log, "\n") {
		var e map[string]interface{}
		if json.Unmarshal([]byte(line), &e) != nil {
			continue
		}
		if m, _ := e["@module"].(string); strings.HasPrefix(m, "plugin.test.") {
			rep.PluginLogLines++
			if msg, _ := e["@message"].(string); strings.HasPrefix(strings.TrimSpace(msg), "{") {
				rep.UnparsedLogLines = append(rep.UnparsedLogLines, msg)
			}
		}
	}
	if len(rep.UnparsedLogLines) > 0 {
		fail("%d plugin stderr lines were not hclog JSON go-plugin could parse", len(rep.UnparsedLogLines))
	}
	if !rep.Graceful {
		fail("plugin did not exit gracefully on Kill()")
	}

	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(rep)
	if len(rep.Errors) > 0 {
		os.Exit(1)
	}
}
