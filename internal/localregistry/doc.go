// Package localregistry is a local, stateful implementation of the Isometric Registry API
// (api/isometric-registry-openapi.json) and of the International Carbon Registry (ICR) retirement
// endpoints (api/icr-retirements.md), used by the demo and by every acceptance test. README.md
// states its rules, its seed format and its test hooks.
//
// Wire types: every answer of the API and of the ICR endpoints is encoded from internal/client's
// types (client.CreditBatch, client.Page, client.ICRRetirementList, ...), so that each wire shape
// has one definition in the project. The state, and the seed and state files, use this package's
// own Seed* types, which reuse a client type only for a field of the same shape (client.Location,
// the enums); views.go converts the state into answers. Error bodies, which the client reads
// without types, are this package's own (response.go).
//
// Files:
//
//	registry.go              Registry, Options, New: the state, its indexes, persistence, new IDs, the clock
//	seed.go                  the seed and state format (Seed and its Seed* records), LoadSeedFile, Clone
//	seed_validate.go         Seed.Validate, one check per collection and per kind of batch check
//	demo.go, demo_ids.go     DemoSeed, the built-in demo world, one function per part; the constants naming its records
//	handler.go               Handler: every route (API, ICR, test hooks), each API and ICR request
//	                         authenticated and handled under the registry lock
//	access.go                authentication, and who may see which record
//	request.go               parsing and schema validation of requests (FastAPI/pydantic-style 422 entries)
//	response.go              JSON answers and the error bodies
//	pagination.go            Relay pagination with opaque cursors
//	list_order.go            the orders of the lists, and generic list helpers (filter, views)
//	views.go                 the state as the client's types: records, totals, balances
//	read_handlers.go         the GET endpoints of the API
//	credit_batch_filter.go   the query of GET /organisations/{id}/credit_batches
//	transaction_handlers.go  the POST endpoints of the API
//	rules.go                 the registry's rules for transactions, and the split of a batch
//	icr_handlers.go          the ICR endpoints
//	hooks.go                 test hooks in process: the request log, faults, read-only views
//	hooks_http.go            the same test hooks over HTTP
//	helpers_test.go          the helpers the package's tests share
package localregistry
