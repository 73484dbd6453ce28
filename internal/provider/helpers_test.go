package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// testAccProtoV6ProviderFactories serves the provider in-process to the Terraform CLI that
// terraform-plugin-testing runs (no build, no dev_overrides needed).
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"isometric": providerserver.NewProtocol6WithError(New("test")()),
}

// testRegistry is an in-process local registry behind an httptest server on 127.0.0.1.
type testRegistry struct {
	// URL is the server root, e.g. "http://127.0.0.1:41234" (API under /registry/v0, ICR under
	// /icr, test hooks under /_localregistry).
	URL string
	// APIEndpoint is the provider's endpoint for this registry (URL + "/registry/v0").
	APIEndpoint string
	// ICREndpoint is the provider's icr endpoint for this registry (URL + "/icr").
	ICREndpoint string
	// Registry gives the in-process test hooks (requests, faults, read-only views).
	Registry *localregistry.Registry

	clientSecret string
}

// newTestRegistry starts a local registry seeded with seed (nil = the demo world) and stops it when
// the test ends. Each call is an independent world, so tests using their own registry can run in parallel.
func newTestRegistry(t *testing.T, seed *localregistry.Seed) *testRegistry {
	t.Helper()
	reg, err := localregistry.New(localregistry.Options{Seed: seed})
	if err != nil {
		t.Fatalf("starting the local registry: %v", err)
	}
	srv := httptest.NewServer(reg.Handler()) // listens on 127.0.0.1
	t.Cleanup(srv.Close)

	secret := localregistry.DemoClientSecret
	if seed != nil {
		secret = seed.ClientSecret
	}
	return &testRegistry{
		URL:          srv.URL,
		APIEndpoint:  srv.URL + "/registry/v0",
		ICREndpoint:  srv.URL + "/icr",
		Registry:     reg,
		clientSecret: secret,
	}
}

// ProviderConfig returns a provider "isometric" block for this registry acting with token
// (e.g. localregistry.DemoBuyerToken). It has no icr block: see ProviderConfigWithICR.
func (r *testRegistry) ProviderConfig(token string) string {
	return r.providerConfig(token, "")
}

// ProviderConfigWithICR is ProviderConfig plus an icr block for this registry's ICR endpoints
// acting with icrToken (e.g. localregistry.DemoICRToken).
func (r *testRegistry) ProviderConfigWithICR(token, icrToken string) string {
	return r.providerConfig(token, fmt.Sprintf(`
  icr {
    endpoint     = %q
    access_token = %q
  }
`, r.ICREndpoint, icrToken))
}

func (r *testRegistry) providerConfig(token, extra string) string {
	return fmt.Sprintf(`
provider "isometric" {
  endpoint      = %q
  client_secret = %q
  access_token  = %q
%s}
`, r.APIEndpoint, r.clientSecret, token, extra)
}

// TestMain makes acceptance tests hermetic and runnable offline:
//   - the provider never reads ISOMETRIC_* variables of the developer's shell (tests configure it explicitly);
//   - CHECKPOINT_DISABLE=1 (no version check over the network);
//   - TF_CLI_CONFIG_FILE pointing at a missing file is replaced by an empty one;
//   - with TF_ACC set: terraform from PATH, else tofu (via TF_ACC_TERRAFORM_PATH), else a clear failure
//     instead of terraform-plugin-testing trying to download Terraform.
func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "ISOMETRIC_") {
			_ = os.Unsetenv(name)
		}
	}
	if os.Getenv("CHECKPOINT_DISABLE") == "" {
		_ = os.Setenv("CHECKPOINT_DISABLE", "1")
	}
	if f := os.Getenv("TF_CLI_CONFIG_FILE"); f != "" {
		if _, err := os.Stat(f); err != nil {
			dir, err := os.MkdirTemp("", "isometric-tfcli-")
			if err != nil {
				fmt.Fprintln(os.Stderr, "creating a temporary directory:", err)
				return 1
			}
			defer os.RemoveAll(dir)
			empty := filepath.Join(dir, "terraformrc")
			if err := os.WriteFile(empty, nil, 0o600); err != nil {
				fmt.Fprintln(os.Stderr, "writing an empty Terraform CLI config:", err)
				return 1
			}
			_ = os.Setenv("TF_CLI_CONFIG_FILE", empty)
		}
	}
	if os.Getenv("TF_ACC") != "" {
		if err := selectTerraformCLI(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return m.Run()
}

// selectTerraformCLI points terraform-plugin-testing at terraform, or at OpenTofu when only tofu is installed.
func selectTerraformCLI() error {
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return nil
	}
	if _, err := exec.LookPath("terraform"); err == nil {
		return nil // terraform-plugin-testing finds it on PATH itself
	}
	if tofu, err := exec.LookPath("tofu"); err == nil {
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", tofu)
		if os.Getenv("TF_ACC_PROVIDER_HOST") == "" {
			_ = os.Setenv("TF_ACC_PROVIDER_HOST", "registry.opentofu.org")
		}
		if os.Getenv("TF_ACC_PROVIDER_NAMESPACE") == "" {
			_ = os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "hashicorp")
		}
		return nil
	}
	return fmt.Errorf("acceptance tests (TF_ACC set) need a Terraform CLI: neither terraform nor tofu is on PATH. " +
		"Install Terraform (https://developer.hashicorp.com/terraform/install) or OpenTofu (https://opentofu.org/docs/intro/install/), " +
		"or set TF_ACC_TERRAFORM_PATH to the binary")
}
