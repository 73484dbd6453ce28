// Command bench prints the provider's request counts next to their budgets: it builds the
// provider, serves a generated local registry world in process on 127.0.0.1, runs the Terraform
// CLI on PATH (terraform, else tofu) against it through a dev_overrides CLI configuration, and
// counts the requests the registry received. It is a measurement, not a test: it prints figures
// and exits 0 unless something could not run.
//
//	go run ./scripts/bench -n 100,1000     (-v: the requests per endpoint too)
//
// and then (perf.go) the speed of plans of -perf N existing retirements next to terraform_data and
// a minimal framework provider, and the provider's memory for isometric_credit_batches.
//
// Scenarios, each counted over plan + apply of one `terraform apply`, or one `terraform plan`:
//
//	by-batch     N retirements of N distinct batches        budget 4N + 10
//	oldest-first N retirements of 1000 kg from one pool      budget 2N + 2 x (pages of the pool) + 10
//	existing     a plan of the N retirements of by-batch     budget N + 5
//	balance      a plan of one oldest-first retirement against a 2500-batch balance: the balance
//	             is walked at most once (pages of GET .../credit_batches <= pages of the pool)
package main

import (
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/isometric/terraform-provider-isometric/internal/client"
	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

func main() {
	sizes := flag.String("n", "100,1000", "comma-separated numbers of resources")
	verbose := flag.Bool("v", false, "also print the requests per endpoint")
	provider := flag.String("provider", "", "a provider binary to measure instead of building this one (e.g. of another commit)")
	perfN := flag.Int("perf", 1000, "resources in the speed comparison (0: no speed and memory figures)")
	runs := flag.Int("runs", 5, "timed runs of each plan in the speed comparison")
	batches := flag.String("batches", "10000,100000", "comma-separated world sizes for the memory of isometric_credit_batches")
	flag.Parse()
	if err := run(*sizes, *verbose, *provider, *perfN, *runs, *batches); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(sizes string, verbose bool, provider string, perfN, runs int, batches string) error {
	work, err := os.MkdirTemp("", "isometric-bench-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(work) }()
	tf, err := terraformCLI()
	if err != nil {
		return err
	}
	bin := filepath.Join(work, "bin")
	if err := installProvider(bin, provider); err != nil {
		return err
	}
	rc := filepath.Join(work, "terraformrc")
	if err := writeCLIConfig(rc, bin); err != nil {
		return err
	}
	fmt.Printf("%-13s %6s %9s %9s %8s  %s\n", "scenario", "N", "requests", "budget", "POSTs", "within")
	for _, f := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-n: %q is not a positive number", f)
		}
		b := bench{verbose: verbose, tf: tf, rc: rc, base: filepath.Join(work, "n"+f)}
		if err := b.byBatch(n); err != nil {
			return err
		}
		if err := b.oldestFirst(n); err != nil {
			return err
		}
	}
	if err := (&bench{verbose: verbose, tf: tf, rc: rc, base: work}).balance(2500); err != nil {
		return err
	}
	if perfN <= 0 {
		return nil
	}
	var counts []int
	for _, f := range strings.Split(batches, ",") {
		if c, err := strconv.Atoi(strings.TrimSpace(f)); err == nil && c > 0 {
			counts = append(counts, c)
		}
	}
	return perf(work, tf, rc, bin, perfN, max(runs, 1), counts)
}

// installProvider builds this provider into bin, or copies the given binary there.
func installProvider(bin, provider string) error {
	dst := filepath.Join(bin, "terraform-provider-isometric")
	if provider == "" {
		fmt.Println("building the provider ...")
		build := exec.Command("go", "build", "-o", dst, ".")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build: %w", err)
		}
		return nil
	}
	data, err := os.ReadFile(provider)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755)
}

// terraformCLI is terraform on PATH, else tofu.
func terraformCLI() (string, error) {
	for _, name := range []string{"terraform", "tofu"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("needs terraform or tofu on PATH")
}

// idPattern matches the IDs in request paths, to count requests per endpoint.
var idPattern = regexp.MustCompile(`[a-z]{3}_[0-9A-Z]{16,33}`)

type bench struct {
	verbose           bool
	tf, rc, base, dir string
	// raw: the configurations carry no isometric provider block (other providers' worlds).
	raw bool
	// env is added to the CLI's environment.
	env  []string
	reg  *lr.Registry
	url  string
	stop func()
}

// serve starts a registry of the demo world plus batches extra batches of 1000 kg for the buyer,
// and a fresh directory (state) for the scenario.
func (b *bench) serve(scenario string, batches int) error {
	reg, err := lr.New(lr.Options{Seed: lr.ScaleSeed(lr.ScaleOptions{Batches: batches})})
	if err != nil {
		return err
	}
	srv := httptest.NewServer(reg.Handler()) // 127.0.0.1
	b.reg, b.url, b.stop = reg, srv.URL, srv.Close
	b.dir = filepath.Join(b.base, scenario)
	return os.MkdirAll(b.dir, 0o755)
}

// terraform runs the CLI in the scenario's directory with config as main.tf.
func (b *bench) terraform(config string, args ...string) error {
	if !b.raw {
		config = b.provider() + config
	}
	if err := os.WriteFile(filepath.Join(b.dir, "main.tf"), []byte(config), 0o644); err != nil {
		return err
	}
	return b.terraformKeep(args...)
}

// terraformKeep runs the CLI in the scenario's directory with its main.tf as it is.
func (b *bench) terraformKeep(args ...string) error {
	cmd := exec.Command(b.tf, append(args, "-no-color")...)
	cmd.Dir = b.dir
	cmd.Env = append(append(os.Environ(), "TF_CLI_CONFIG_FILE="+b.rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"), b.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %w\n%s", filepath.Base(b.tf), strings.Join(args, " "), err, tail(string(out), 3000))
	}
	return nil
}

func (b *bench) provider() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    isometric = {
      source = "isometric/isometric"
    }
  }
}

provider "isometric" {
  endpoint      = "%s/registry/v0"
  client_secret = %q
  access_token  = %q
}
`, b.url, lr.DemoClientSecret, lr.DemoBuyerToken)
}

// report prints the registry's request count since the last reset against the budget, and resets.
func (b *bench) report(scenario string, n, budget int) {
	reqs := b.reg.Requests()
	posts := 0
	for _, q := range reqs {
		if q.Method == "POST" {
			posts++
		}
	}
	within := "yes"
	if len(reqs) > budget {
		within = "NO"
	}
	fmt.Printf("%-13s %6d %9d %9d %8d  %s\n", scenario, n, len(reqs), budget, posts, within)
	if deliveries := countMatching(reqs, "GET", "/registry/v0/deliveries/"); len(reqs) > budget && deliveries > 0 {
		fmt.Printf("    (%d of them read %d distinct deliveries once each, for the order_id of the retired credits)\n", deliveries, deliveries)
	}
	if b.verbose {
		byPath := map[string]int{}
		for _, q := range reqs {
			byPath[q.Method+" "+idPattern.ReplaceAllString(q.Path, "{id}")]++
		}
		for p, c := range byPath {
			fmt.Printf("    %6d  %s\n", c, p)
		}
	}
	b.reg.ResetRequests()
}

// byBatch: N retirements of N distinct batches, then a plan of the N existing ones.
func (b *bench) byBatch(n int) error {
	if err := b.serve("by-batch", n); err != nil {
		return err
	}
	defer b.stop()
	config := byBatchConfig(n)
	start := time.Now()
	if err := b.terraform(config, "apply", "-auto-approve", "-input=false"); err != nil {
		return err
	}
	b.report("by-batch", n, 4*n+10)
	fmt.Fprintf(os.Stderr, "  (apply of %d by-batch retirements: %s)\n", n, time.Since(start).Round(time.Second))
	if err := b.terraform(config, "plan", "-input=false", "-detailed-exitcode"); err != nil {
		return err
	}
	b.report("existing", n, n+5)
	return nil
}

// byBatchConfig declares n retirements of 1000 kg, each of its own extra batch of the world.
func byBatchConfig(n int) string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Quote(lr.ScaleBatchID(i))
	}
	return fmt.Sprintf(`locals {
  batches = [%s]
}

resource "isometric_retirement" "r" {
  count                   = %d
  supplier_id             = %q
  credit_batch_quantities = [{ credit_batch_id = local.batches[count.index], credit_quantity_kg = 1000 }]
  retirement_purposes     = ["corporate_targets"]
  notes                   = "bench ${count.index}"
}
`, strings.Join(ids, ", "), n, lr.DemoSupplierAID)
}

// oldestFirst: N retirements of 1000 kg from the buyer's credits of supplier A.
func (b *bench) oldestFirst(n int) error {
	if err := b.serve("oldest-first", n); err != nil {
		return err
	}
	defer b.stop()
	config := fmt.Sprintf(`resource "isometric_retirement" "r" {
  count               = %d
  supplier_id         = %q
  credit_quantity_kg  = 1000
  retirement_purposes = ["corporate_targets"]
  notes               = "bench ${count.index}"
}
`, n, lr.DemoSupplierAID)
	pages := b.poolPages()
	if err := b.terraform(config, "apply", "-auto-approve", "-input=false"); err != nil {
		return err
	}
	b.report("oldest-first", n, 2*n+2*pages+10)
	return nil
}

// balance: a plan of one oldest-first retirement against a pool of batches.
func (b *bench) balance(batches int) error {
	if err := b.serve("balance", batches); err != nil {
		return err
	}
	defer b.stop()
	pages := b.poolPages()
	config := fmt.Sprintf(`resource "isometric_retirement" "r" {
  supplier_id         = %q
  credit_quantity_kg  = 1000
  retirement_purposes = ["corporate_targets"]
}
`, lr.DemoSupplierAID)
	if err := b.terraform(config, "plan", "-input=false"); err != nil {
		return err
	}
	walked := b.reg.CountRequests("GET", "/registry/v0/organisations/"+lr.DemoBuyerOrgID+"/credit_batches")
	within := "yes"
	if walked > pages {
		within = "NO"
	}
	fmt.Printf("%-13s %6d %9d %9d %8d  %s   (pages of the balance read / pages in one walk)\n", "balance", batches, walked, pages, 0, within)
	b.reg.ResetRequests()
	return nil
}

// poolPages is how many pages of 50 one walk of the buyer's active batches of supplier A takes.
func (b *bench) poolPages() int {
	world := b.reg.Snapshot()
	supplierOf := map[string]string{}
	for _, is := range world.Issuances {
		supplierOf[is.ID] = is.SupplierID
	}
	n := 0
	for _, cb := range world.CreditBatches {
		if cb.OwnerOrganisationID == lr.DemoBuyerOrgID && cb.Status == client.CreditBatchStatusActive && supplierOf[cb.IssuanceID] == lr.DemoSupplierAID {
			n++
		}
	}
	return (n + client.MaxPageSize - 1) / client.MaxPageSize
}

// countMatching counts the requests of a method whose path starts with prefix.
func countMatching(reqs []lr.RecordedRequest, method, prefix string) int {
	n := 0
	for _, q := range reqs {
		if q.Method == method && strings.HasPrefix(q.Path, prefix) {
			n++
		}
	}
	return n
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}
