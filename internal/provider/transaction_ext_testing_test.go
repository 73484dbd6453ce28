package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// Test helpers shared by the beneficiary, transfer and delivery acceptance tests.

// postCount counts the POSTs the registry received on an API path ("/transfers"); "" counts every POST.
func (r *testRegistry) postCount(apiPath string) int {
	if apiPath == "" {
		return r.Registry.CountRequests("POST", "")
	}
	return r.Registry.CountRequests("POST", "/registry/v0"+apiPath)
}

// expectPOSTs is a step check: the registry received exactly n POSTs on apiPath so far.
func (r *testRegistry) expectPOSTs(apiPath string, n int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := r.postCount(apiPath); got != n {
			return fmt.Errorf("POST %s: the registry received %d requests, want %d; requests: %s", apiPath, got, n, r.requestSummary())
		}
		return nil
	}
}

// assertPOSTs fails the test unless the registry received exactly n POSTs on apiPath.
func (r *testRegistry) assertPOSTs(t *testing.T, apiPath string, n int) {
	t.Helper()
	if got := r.postCount(apiPath); got != n {
		t.Errorf("POST %s: the registry received %d requests, want %d; requests: %s", apiPath, got, n, r.requestSummary())
	}
}

// requestSummary lists the recorded non-GET requests, for failure messages.
func (r *testRegistry) requestSummary() string {
	var out []string
	for _, q := range r.Registry.Requests() {
		if q.Method != "GET" {
			out = append(out, fmt.Sprintf("%s %s -> %d", q.Method, q.Path, q.Status))
		}
	}
	if len(out) == 0 {
		return "(none but GETs)"
	}
	return strings.Join(out, "; ")
}

// errorText matches a diagnostic text whatever the line wrapping Terraform applies: each space in
// want matches any run of whitespace and of the "│" that prefixes the lines of a diagnostic.
func errorText(want string) *regexp.Regexp {
	parts := strings.Fields(want)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile(strings.Join(parts, `[\s│]+`))
}

// crowdedSeed is the demo world where the buyer has n extra transferees and beneficiaries listed
// before the demo's own, so that finding those needs more than one page (pages hold at most 50).
func crowdedSeed(n int) *localregistry.Seed {
	seed := localregistry.DemoSeed()
	var extra []string
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("org_1CROWD%012d", i)
		seed.Organisations = append(seed.Organisations, &localregistry.SeedOrganisation{ID: id, Name: fmt.Sprintf("Crowd %d", i)})
		extra = append(extra, id)
	}
	for _, o := range seed.Organisations {
		if o.ID == localregistry.DemoBuyerOrgID {
			o.Transferees = append(append([]string{}, extra...), o.Transferees...)
			o.Beneficiaries = append(append([]string{}, extra...), o.Beneficiaries...)
		}
	}
	return seed
}

// expectPagedGET is a step check: the registry answered a GET on apiPath that asked for a later page.
func (r *testRegistry) expectPagedGET(apiPath string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, q := range r.Registry.Requests() {
			if q.Method == "GET" && q.Path == "/registry/v0"+apiPath && strings.Contains(q.Query, "after=") {
				return nil
			}
		}
		return fmt.Errorf("no GET %s asked for a second page", apiPath)
	}
}
