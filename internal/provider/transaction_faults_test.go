package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	lr "github.com/isometric/terraform-provider-isometric/internal/localregistry"
)

// ambiguousPostCase is one resource's part of the ambiguous-POST fault matrix (see testAmbiguousPost).
type ambiguousPostCase struct {
	// post is the API path of the create request, e.g. "/deliveries" (under /registry/v0).
	post string
	// notCommitted is the error text of the apply that got a 503 before the commit.
	notCommitted string
	// world prepares a fresh registry (before any fault is set) and returns what to apply and check there.
	world func(reg *testRegistry) ambiguousPostWorld
}

// ambiguousPostWorld is what testAmbiguousPost applies and checks in one registry.
type ambiguousPostWorld struct {
	// config is the configuration of the one resource under test.
	config string
	// stateChecks (may be nil) check the recorded resource in the state after each successful apply.
	stateChecks []statecheck.StateCheck
	// inRegistry checks the registry after each successful apply: exactly one new record, the one in state.
	inRegistry resource.TestCheckFunc
	// untouched reports (t.Error) what a 503 before the commit left behind: no new record, batches as they were.
	untouched func(t *testing.T)
	// afterRetry (may be nil) checks the registry once the apply after the 503 has succeeded.
	afterRetry func(t *testing.T)
}

// testAmbiguousPost runs the ambiguous-POST fault matrix on one resource, each fault in its own
// registry. A create the registry committed but did not answer (500 after commit, connection dropped
// after commit) is found and recorded after one POST, and the next plan is empty (nothing sent again).
// A 503 before the commit fails the apply with c.notCommitted and leaves nothing behind (one POST);
// once the fault is gone, applying again creates exactly one record (two POSTs in all).
func testAmbiguousPost(t *testing.T, c ambiguousPostCase) {
	t.Helper()
	path := "/registry/v0" + c.post
	// posts checks the POSTs on the create path and, as no other POST is expected, on any path.
	posts := func(reg *testRegistry, n int) resource.TestCheckFunc {
		return resource.ComposeAggregateTestCheckFunc(reg.expectPOSTs(c.post, n), reg.expectPOSTs("", n))
	}
	committed := map[string]lr.Fault{
		"500 after commit":     {Method: "POST", Path: path, StatusAfterCommit: 500, Times: 1},
		"dropped after commit": {Method: "POST", Path: path, DropAfterCommit: true, Times: 1},
	}
	for name, fault := range committed {
		t.Run(name, func(t *testing.T) {
			reg := newTestRegistry(t, nil)
			w := c.world(reg)
			reg.Registry.AddFault(fault)
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:            w.config,
						ConfigStateChecks: w.stateChecks,
						Check:             resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 1)),
					},
					{
						Config:           w.config,
						ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
						Check:            resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 1)),
					},
				},
			})
		})
	}
	t.Run("503 before commit", func(t *testing.T) {
		reg := newTestRegistry(t, nil)
		w := c.world(reg)
		reg.Registry.AddFault(lr.Fault{Method: "POST", Path: path, Status: 503})
		resource.ParallelTest(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{
					Config:      w.config,
					ExpectError: errorText(c.notCommitted),
				},
				{
					PreConfig: func() {
						w.untouched(t)
						reg.assertPOSTs(t, c.post, 1)
						reg.assertPOSTs(t, "", 1)
						reg.Registry.ClearFaults()
					},
					Config:            w.config,
					ConfigStateChecks: w.stateChecks,
					Check:             resource.ComposeAggregateTestCheckFunc(w.inRegistry, posts(reg, 2)),
				},
			},
		})
		if w.afterRetry != nil {
			w.afterRetry(t)
		}
	})
}

// batchesUnchanged is the error text of a create that got a 503 before the registry committed it.
const batchesUnchanged = "The registry shows that nothing was committed: every requested credit batch is unchanged"
