// Command localregistry serves the local Isometric Registry (and ICR retirement endpoints) over HTTP.
//
//	localregistry [-addr 127.0.0.1:8765] [-seed FILE | -scale N [-scale-kg K]] [-state FILE [-reset] [-compact]] [-addr-file FILE] [-allow-non-loopback]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "localregistry:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("localregistry", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8765", "listen address (127.0.0.1:0 picks a free port)")
	seedPath := fs.String("seed", "", "seed file (JSON, see internal/localregistry/README.md); default: the built-in demo world")
	statePath := fs.String("state", "", "state file: loaded if present (wins over -seed) with its journal FILE.journal, to which every change is appended")
	reset := fs.Bool("reset", false, "with -state: start again from the seed, discarding the state file and its journal")
	compact := fs.Bool("compact", false, "with -state: fold the journal into the state file before serving")
	addrFile := fs.String("addr-file", "", "write the base URL (http://127.0.0.1:PORT) to this file once listening")
	allowNonLoopback := fs.Bool("allow-non-loopback", false, "allow listening on a non-loopback address")
	scale := fs.Int("scale", 0, "serve the demo world plus N extra active batches of the demo buyer (localregistry.ScaleSeed) instead of the demo world")
	scaleKg := fs.Int64("scale-kg", 1000, "with -scale: the size of each extra batch in kg")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if err := checkLoopback(*addr, *allowNonLoopback); err != nil {
		return err
	}
	if (*reset || *compact) && *statePath == "" {
		return fmt.Errorf("-reset and -compact need -state")
	}
	seed, err := chooseSeed(*seedPath, *scale, *scaleKg)
	if err != nil {
		return err
	}
	reg, err := localregistry.New(localregistry.Options{Seed: seed, StatePath: *statePath, Reset: *reset})
	if err != nil {
		return err
	}
	defer func() {
		if err := reg.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "localregistry: closing the journal:", err)
		}
	}()
	if *compact {
		if err := reg.Compact(); err != nil {
			return err
		}
	}
	// Catch signals before anyone can learn the address.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sig)
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	if *addrFile != "" {
		if err := writeFileAtomic(*addrFile, []byte(base+"\n")); err != nil {
			ln.Close()
			return err
		}
	}
	snap := reg.Snapshot()
	fmt.Printf("Isometric Registry API: %s%s\n", base, localregistry.APIPrefix)
	fmt.Printf("ICR API:                %s%s\n", base, localregistry.ICRPrefix)
	fmt.Printf("Test hooks:             %s%s\n", base, localregistry.HooksPrefix)
	fmt.Printf("Pages (HTML):           %s/ (a record's page: %s/<id>)\n", base, base)
	fmt.Printf("Client secret (X-Client-Secret): %s\n", snap.ClientSecret)
	names := map[string]string{}
	for _, o := range snap.Organisations {
		names[o.ID] = o.Name
	}
	for _, t := range snap.Tokens {
		fmt.Printf("Token %-24s acts as %s (%s)\n", t.Token, t.OrganisationID, names[t.OrganisationID])
	}
	if snap.ICR != nil && snap.ICR.Token != "" {
		fmt.Printf("ICR token: %s\n", snap.ICR.Token)
	}
	if *statePath != "" {
		fmt.Printf("State file: %s (journal %s.journal)\n", *statePath, *statePath)
	}

	srv := &http.Server{Handler: reg.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	case s := <-sig:
		fmt.Printf("received %s, shutting down\n", s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	if *addrFile != "" {
		os.Remove(*addrFile)
	}
	return nil
}

// chooseSeed is the world to serve: the seed file, the scaled demo world (-scale), or the demo world.
func chooseSeed(seedPath string, scale int, scaleKg int64) (*localregistry.Seed, error) {
	switch {
	case scale < 0 || scaleKg <= 0:
		return nil, fmt.Errorf("-scale must be >= 0 and -scale-kg > 0")
	case seedPath != "" && scale > 0:
		return nil, fmt.Errorf("-seed and -scale are exclusive: -scale builds its own world")
	case seedPath != "":
		return localregistry.LoadSeedFile(seedPath)
	case scale > 0:
		return localregistry.ScaleSeed(localregistry.ScaleOptions{Batches: scale, BatchKg: scaleKg}), nil
	default:
		return localregistry.DemoSeed(), nil
	}
}

func checkLoopback(addr string, allow bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("invalid -addr %q: %w", addr, err)
	}
	if allow {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-addr %q is not a loopback address; the local registry has no real security, pass -allow-non-loopback to listen there anyway", addr)
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".addr-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
