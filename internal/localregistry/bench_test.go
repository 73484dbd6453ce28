package localregistry

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Benchmarks of the registry at scale (README.md, "Performance"). They report figures — p50 and
// p90 latency in ms, and requests per second with 4 concurrent clients on 127.0.0.1 — and never
// fail on timing. Run them with
//
//	go test -run '^$' -bench . -benchtime 2s ./internal/localregistry/

// benchSizes are the world sizes, in extra batches of the demo buyer (ScaleSeed).
var benchSizes = []int{1000, 10000, 100000}

// benchClients is how many clients send requests at the same time.
const benchClients = 4

// benchServer serves a registry over HTTP on 127.0.0.1 with a client that keeps benchClients
// connections open.
func benchServer(b *testing.B, opts Options) (string, *http.Client) {
	b.Helper()
	reg, err := New(opts)
	if err != nil {
		b.Fatal(err)
	}
	if reg.journal != nil {
		reg.journal.awaitBase() // measure commits, not the first write of the state file (BenchmarkStartup)
	}
	b.Cleanup(func() { _ = reg.Close() })
	srv := httptest.NewServer(reg.Handler())
	b.Cleanup(srv.Close)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * benchClients}}
	b.Cleanup(hc.CloseIdleConnections)
	return srv.URL, hc
}

// runClients runs b.N requests from benchClients goroutines; request(i) sends the i-th (0-based)
// and returns its status. It reports the latency percentiles and the throughput.
func runClients(b *testing.B, hc *http.Client, request func(i int) *http.Request) {
	b.Helper()
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var wg sync.WaitGroup
	var failed atomic.Value
	b.ResetTimer()
	start := time.Now()
	for range benchClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				req := request(i)
				t := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					failed.Store(err.Error())
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t)
				if resp.StatusCode != http.StatusOK {
					failed.Store(fmt.Sprintf("%s %s: %d %s", req.Method, req.URL.Path, resp.StatusCode, body))
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if msg := failed.Load(); msg != nil {
		b.Fatal(msg)
	}
	slices.Sort(lat)
	b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
	b.ReportMetric(ms(lat[len(lat)*9/10]), "p90-ms")
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func apiRequest(base, method, path, token string, body any) *http.Request {
	var rd io.Reader
	if body != nil {
		buf, _ := json.Marshal(body)
		rd = bytes.NewReader(buf)
	}
	req, _ := http.NewRequest(method, base+APIPrefix+path, rd)
	for k, v := range apiHeaders(token) {
		req.Header.Set(k, v)
	}
	return req
}

// BenchmarkCreditBatchPage: a page of 50 of GET /organisations/{id}/credit_batches, for the demo
// buyer who owns every extra batch: the default query (newest first), and one filtered by
// supplier and status, oldest first.
func BenchmarkCreditBatchPage(b *testing.B) {
	queries := map[string]string{
		"default":  "first=50",
		"filtered": "first=50&sort_direction=asc&status=active&supplier_id=" + DemoSupplierAID,
	}
	for _, n := range benchSizes {
		for _, name := range []string{"default", "filtered"} {
			b.Run(fmt.Sprintf("batches=%d/%s", n, name), func(b *testing.B) {
				base, hc := benchServer(b, Options{Seed: ScaleSeed(ScaleOptions{Batches: n})})
				path := batchesURL(queries[name])
				runClients(b, hc, func(int) *http.Request { return apiRequest(base, "GET", path, DemoBuyerToken, nil) })
			})
		}
	}
}

// BenchmarkTransferPOST: POST /transfers of a whole extra batch, from the buyer to the partner
// and, once every batch went, back (the partner's transferees hold the buyer), with and without a
// state file.
func BenchmarkTransferPOST(b *testing.B) {
	benchPOST(b, []int{10000, 100000}, func(base string, n, i int) *http.Request {
		from, to, token := DemoBuyerOrgID, DemoPartnerOrgID, DemoBuyerToken
		if i/n%2 == 1 {
			from, to, token = DemoPartnerOrgID, DemoBuyerOrgID, DemoPartnerToken
		}
		return apiRequest(base, "POST", "/transfers", token, transferBody(from, to, DemoSupplierAID, q(ScaleBatchID(i%n), 1000)))
	})
}

// BenchmarkOldestFirstPOST: POST /retirements/from_oldest_credits of 1 kg (each splits the oldest
// active batch of supplier A), with and without a state file.
func BenchmarkOldestFirstPOST(b *testing.B) {
	benchPOST(b, benchSizes, func(base string, _, _ int) *http.Request {
		return apiRequest(base, "POST", "/retirements/from_oldest_credits", DemoBuyerToken, oldestBody(DemoBuyerOrgID, DemoSupplierAID, 1))
	})
}

// benchPOST runs the requests request(base, n, i) against ScaleSeed worlds of each size n, in
// memory and with a state file.
func benchPOST(b *testing.B, sizes []int, request func(base string, n, i int) *http.Request) {
	for _, n := range sizes {
		for _, state := range []bool{false, true} {
			b.Run(fmt.Sprintf("batches=%d/state=%v", n, state), func(b *testing.B) {
				opts := Options{Seed: ScaleSeed(ScaleOptions{Batches: n})}
				if state {
					opts.StatePath = filepath.Join(b.TempDir(), "state.json")
				}
				base, hc := benchServer(b, opts)
				runClients(b, hc, func(i int) *http.Request { return request(base, n, i) })
			})
		}
	}
}

// BenchmarkStartup: building the world of ScaleSeed and New on it, as the command does, until the
// registry serves: in memory, with a new state file (written in the background: the time to
// write it follows as "base-ms"), and again with the state file it left.
func BenchmarkStartup(b *testing.B) {
	const n = 100000
	for _, mode := range []string{"memory", "new-state", "existing-state"} {
		b.Run(fmt.Sprintf("batches=%d/%s", n, mode), func(b *testing.B) {
			dir := b.TempDir()
			path := ""
			if mode != "memory" {
				path = filepath.Join(dir, "state.json")
			}
			if mode == "existing-state" {
				reg, err := New(Options{Seed: ScaleSeed(ScaleOptions{Batches: n}), StatePath: path})
				if err != nil {
					b.Fatal(err)
				}
				_ = reg.Close()
			}
			var base time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if mode == "new-state" {
					b.StopTimer()
					path = filepath.Join(dir, fmt.Sprintf("state-%d.json", i))
					b.StartTimer()
				}
				reg, err := New(Options{Seed: ScaleSeed(ScaleOptions{Batches: n}), StatePath: path})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				t := time.Now()
				_ = reg.Close()
				base += time.Since(t)
				b.StartTimer()
			}
			if mode == "new-state" {
				b.ReportMetric(ms(base)/float64(b.N), "base-ms")
			}
		})
	}
}

// BenchmarkMemory reports the heap a registry of ScaleSeed holds once built (live heap after a
// garbage collection, in MB).
func BenchmarkMemory(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("batches=%d", n), func(b *testing.B) {
			var heap float64
			for i := 0; i < b.N; i++ {
				before := liveHeap()
				reg, err := New(Options{Seed: ScaleSeed(ScaleOptions{Batches: n})})
				if err != nil {
					b.Fatal(err)
				}
				heap = float64(liveHeap()-before) / (1 << 20)
				runtime.KeepAlive(reg)
			}
			b.ReportMetric(heap, "heap-MB")
		})
	}
}

func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
