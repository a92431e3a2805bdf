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

// queryResult summarises one DataResponse as the Go side decodes it.
type queryResult struct {
	RefIDs          []string `json:"refIds"`
	Frames          int      `json:"frames"`
	ArrowFileFrames int      `json:"arrowFileFrames"`
	Status          int64    `json:"status"`
	Error           string   `json:"error"`
}

type report struct {
	NegotiatedVersion int           `json:"negotiatedVersion"`
	Protocol          string        `json:"protocol"`
	Ping              string        `json:"ping"`
	CheckHealth       *healthResult `json:"checkHealth,omitempty"`
	QueryData         *queryResult  `json:"queryData,omitempty"`
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

// Minimal protobuf writer/reader for the few pluginv2 messages used here (field numbers from SDK-GO
// proto/backend.proto: QueryDataRequest 3 queries; DataQuery 1 refId, 2 maxDataPoints, 3 intervalMS,
// 4 timeRange{1 fromEpochMS, 2 toEpochMS}, 5 json; QueryDataResponse 1 map<string, DataResponse>;
// DataResponse 1 frames, 2 error, 4 status).
func appendVarint(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

func appendTag(b []byte, field, wire uint64) []byte { return appendVarint(b, field<<3|wire) }

func appendBytesField(b []byte, field uint64, v []byte) []byte {
	b = appendTag(b, field, 2)
	b = appendVarint(b, uint64(len(v)))
	return append(b, v...)
}

func appendVarintField(b []byte, field uint64, v uint64) []byte {
	return appendVarint(appendTag(b, field, 0), v)
}

// fields splits a message into (field number, wire type, varint value or bytes) triples.
type protoField struct {
	num   uint64
	wire  uint64
	value uint64
	bytes []byte
}

func parseFields(b []byte) ([]protoField, error) {
	var out []protoField
	for len(b) > 0 {
		key, n, err := readVarint(b)
		if err != nil {
			return nil, err
		}
		b = b[n:]
		f := protoField{num: key >> 3, wire: key & 7}
		switch f.wire {
		case 0:
			v, n, err := readVarint(b)
			if err != nil {
				return nil, err
			}
			f.value, b = v, b[n:]
		case 2:
			l, n, err := readVarint(b)
			if err != nil || uint64(len(b)-n) < l {
				return nil, errors.New("bad length")
			}
			f.bytes, b = b[n:n+int(l)], b[n+int(l):]
		default:
			return nil, fmt.Errorf("unexpected wire type %d", f.wire)
		}
		out = append(out, f)
	}
	return out, nil
}

// queryDataRequest builds one demo query over a fixed 1,000-second window (2024-01-08T00:00:00Z).
func queryDataRequest() []byte {
	from, to := uint64(1704672000000), uint64(1704672999000)
	tr := appendVarintField(appendVarintField(nil, 1, from), 2, to)
	q := appendBytesField(nil, 1, []byte("A"))
	q = appendVarintField(q, 2, 1000)
	q = appendVarintField(q, 3, 1000)
	q = appendBytesField(q, 4, tr)
	q = appendBytesField(q, 5, []byte(`{"refId":"A","schemaVersion":1,"expr":"demo_http_latency_seconds{service=\"checkout\"}"}`))
	return appendBytesField(nil, 3, q)
}

func decodeQueryData(b []byte) (*queryResult, error) {
	r := &queryResult{RefIDs: []string{}}
	entries, err := parseFields(b)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.num != 1 || e.wire != 2 {
			continue
		}
		kv, err := parseFields(e.bytes)
		if err != nil {
			return nil, err
		}
		for _, f := range kv {
			switch f.num {
			case 1:
				r.RefIDs = append(r.RefIDs, string(f.bytes))
			case 2:
				resp, err := parseFields(f.bytes)
				if err != nil {
					return nil, err
				}
				for _, d := range resp {
					switch d.num {
					case 1:
						r.Frames++
						// Grafana reads each element with ipc.NewFileReader: Arrow file magic at both ends.
						n := len(d.bytes)
						if n >= 12 && string(d.bytes[:6]) == "ARROW1" && string(d.bytes[n-6:]) == "ARROW1" {
							r.ArrowFileFrames++
						}
					case 2:
						r.Error = string(d.bytes)
					case 4:
						r.Status = int64(int32(d.value))
					}
				}
			}
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
			ctx, cancel = context.WithTimeout(context.Background(), 10*time.Second)
			in, out = queryDataRequest(), []byte{}
			err = conn.Invoke(ctx, "/pluginv2.Data/QueryData", &in, &out, grpc.ForceCodec(rawCodec{}))
			cancel()
			if err != nil {
				fail("QueryData: %v", err)
			} else if q, err := decodeQueryData(out); err != nil {
				fail("QueryData response: %v", err)
			} else {
				rep.QueryData = q
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
