package main

// Speed and memory: plans of N existing retirements next to the same number of terraform_data
// resources and of resources of a minimal framework provider with no API (scripts/bench/minimal),
// run in turn so that the machine's drift hits all three alike; the provider's peak memory while
// isometric_credit_batches reads every batch of a large world; the state's size per retirement.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// perfWorld is one directory whose state holds n resources of one kind, ready to be planned.
type perfWorld struct {
	name string
	b    *bench
}

// perf runs the speed and memory scenarios for n resources, runs timed runs each.
func perf(work, tf, rc, bin string, n, runs int, batchCounts []int) error {
	if err := buildTool(filepath.Join(bin, "terraform-provider-minimal"), "./scripts/bench/minimal"); err != nil {
		return err
	}
	fmt.Printf("\nplans of existing resources (wall seconds, median of %d runs taken in turn; ratio = isometric / other, median of the runs' ratios)\n", runs)
	fmt.Printf("%-22s %6s %10s %10s %10s %10s %10s\n", "plan", "N", "isometric", "minimal", "tf_data", "÷minimal", "÷tf_data")
	for _, size := range slices.Compact([]int{max(n/4, 1), n}) {
		worlds, stateBytes, err := perfWorlds(work, tf, rc, size)
		if err != nil {
			return err
		}
		for _, args := range [][]string{{"plan", "-input=false"}, {"plan", "-input=false", "-refresh=false"}} {
			times := make([][]float64, len(worlds))
			for r := 0; r < runs; r++ {
				for i, w := range worlds {
					start := time.Now()
					if err := w.b.terraformKeep(args...); err != nil {
						return fmt.Errorf("%s: %w", w.name, err)
					}
					times[i] = append(times[i], time.Since(start).Seconds())
				}
			}
			label := strings.Join(args[2:], " ")
			if label == "" {
				label = "(refresh)"
			}
			fmt.Printf("%-22s %6d %10.2f %10.2f %10.2f %10.2f %10.2f\n", "plan "+label, size,
				median(times[0]), median(times[1]), median(times[2]), medianRatio(times[0], times[1]), medianRatio(times[0], times[2]))
		}
		fmt.Printf("%-22s %6d %10d bytes per retirement in the state\n", "state", size, stateBytes/size)
		for _, w := range worlds {
			w.b.stop()
		}
	}
	for _, count := range batchCounts {
		if err := batchesMemory(work, tf, bin, count); err != nil {
			return err
		}
	}
	return nil
}

// perfWorlds applies size resources of each kind once, and returns the worlds (isometric, minimal,
// terraform_data) and the isometric state's size.
func perfWorlds(work, tf, rc string, size int) ([]perfWorld, int, error) {
	iso := &bench{tf: tf, rc: rc, base: filepath.Join(work, fmt.Sprintf("perf%d", size))}
	if err := iso.serve("isometric", size); err != nil {
		return nil, 0, err
	}
	if err := iso.terraform(byBatchConfig(size), "apply", "-auto-approve", "-input=false"); err != nil {
		return nil, 0, err
	}
	state, err := os.ReadFile(filepath.Join(iso.dir, "terraform.tfstate"))
	if err != nil {
		return nil, 0, err
	}
	minimal := &bench{tf: tf, rc: rc, dir: filepath.Join(iso.base, "minimal"), stop: func() {}, raw: true}
	data := &bench{tf: tf, rc: rc, dir: filepath.Join(iso.base, "terraform_data"), stop: func() {}, raw: true}
	for w, config := range map[*bench]string{
		minimal: fmt.Sprintf(`terraform {
  required_providers {
    minimal = {
      source = "bench/minimal"
    }
  }
}

resource "minimal_thing" "r" {
  count    = %d
  supplier = %q
  batch    = "ctb_${count.index}"
  purpose  = "corporate_targets"
  notes    = "bench ${count.index}"
}
`, size, lr.DemoSupplierAID),
		data: fmt.Sprintf(`resource "terraform_data" "r" {
  count = %d
  input = { supplier = %q, batch = "ctb_${count.index}", purpose = "corporate_targets", notes = "bench ${count.index}" }
}
`, size, lr.DemoSupplierAID),
	} {
		if err := os.MkdirAll(w.dir, 0o755); err != nil {
			return nil, 0, err
		}
		if err := w.terraform(config, "apply", "-auto-approve", "-input=false"); err != nil {
			return nil, 0, err
		}
	}
	iso.reg.ResetRequests()
	return []perfWorld{{"isometric", iso}, {"minimal", minimal}, {"terraform_data", data}}, len(state), nil
}

// batchesMemory plans isometric_credit_batches over count batches with the provider run under
// rsswrap, and prints the provider's peak memory and the requests it sent.
func batchesMemory(work, tf, bin string, count int) error {
	wrapDir := filepath.Join(work, "rsswrap")
	if err := buildTool(filepath.Join(wrapDir, "terraform-provider-isometric"), "./scripts/bench/rsswrap"); err != nil {
		return err
	}
	rc := filepath.Join(work, "terraformrc-rss")
	if err := writeCLIConfig(rc, wrapDir); err != nil {
		return err
	}
	out := filepath.Join(work, fmt.Sprintf("rss-%d", count))
	b := &bench{tf: tf, rc: rc, base: work, env: []string{"RSSWRAP_PROGRAM=" + filepath.Join(bin, "terraform-provider-isometric"), "RSSWRAP_OUT=" + out}}
	// The demo world's buyer has a few batches of its own: the world holds count in all.
	if err := b.serve(fmt.Sprintf("batches%d", count), count-demoBuyerBatches()); err != nil {
		return err
	}
	defer b.stop()
	start := time.Now()
	if err := b.terraform(`data "isometric_credit_batches" "all" {}

output "count" {
  value = data.isometric_credit_batches.all.total_count
}
`, "plan", "-input=false"); err != nil {
		return err
	}
	wall := time.Since(start)
	data, err := os.ReadFile(out)
	if err != nil {
		return fmt.Errorf("no memory figure from the provider: %w", err)
	}
	var peak int
	for _, f := range strings.Fields(string(data)) {
		kb, _ := strconv.Atoi(f)
		peak = max(peak, kb)
	}
	if peak == 0 {
		return fmt.Errorf("no memory figure from the provider in %s", out)
	}
	fmt.Printf("%-22s %6d batches: provider peak RSS %d MB (%d bytes per batch), %d requests (budget %d: the organisation and pages of %d), plan %.1f s\n",
		"isometric_credit_batches", count, peak/1024, peak*1024/count, len(b.reg.Requests()), 1+(count+client.MaxPageSize-1)/client.MaxPageSize,
		client.MaxPageSize, wall.Seconds())
	return nil
}

// demoBuyerBatches is the number of batches of the demo world that isometric_credit_batches lists
// for the demo buyer by default (its active and retired batches).
func demoBuyerBatches() int {
	n := 0
	for _, b := range lr.DemoSeed().CreditBatches {
		if b.OwnerOrganisationID == lr.DemoBuyerOrgID && b.Status != client.CreditBatchStatusSplit {
			n++
		}
	}
	return n
}

// buildTool builds a Go command of this module to dst.
func buildTool(dst, pkg string) error {
	build := exec.Command("go", "build", "-o", dst, pkg)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	return nil
}

// writeCLIConfig writes a Terraform CLI configuration that takes this project's providers (and the
// bench's minimal one) from dir.
func writeCLIConfig(path, dir string) error {
	return os.WriteFile(path, []byte(fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/isometric/isometric" = %q
    "registry.opentofu.org/isometric/isometric" = %q
    "registry.terraform.io/bench/minimal"       = %q
    "registry.opentofu.org/bench/minimal"       = %q
  }
  direct {}
}
`, dir, dir, dir, dir)), 0o644)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func medianRatio(a, b []float64) float64 {
	r := make([]float64, len(a))
	for i := range a {
		r[i] = a[i] / b[i]
	}
	return median(r)
}
