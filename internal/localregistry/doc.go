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
//	registry.go              Registry, Options, New: the state, its indexes, commits, Reset, Compact, Close, new IDs, the clock
//	seed.go                  the seed and state format (Seed and its Seed* records), LoadSeedFile
//	clone.go                 Seed.Clone, a deep copy
//	seed_validate.go         Seed.Validate, one check per collection and per kind of batch check
//	demo.go, demo_ids.go     DemoSeed, the built-in demo world, one function per part; the constants naming its records
//	scale.go                 ScaleSeed: the demo world with many more batches, for tests, benchmarks and -scale
//	handler.go               Handler: every route (API, ICR, test hooks, pages); each API and ICR request authenticated and
//	                         handled under the registry lock, and answered outside it once what it saw is durable
//	access.go                authentication, and who may see which record
//	request.go               parsing and schema validation of requests (FastAPI/pydantic-style 422 entries)
//	response.go              JSON answers and the error bodies
//	pagination.go            Relay pagination with opaque cursors over lists that build only the page
//	list_order.go            the orders of the lists, the lists kept sorted, generic list helpers (filter, views)
//	batch_list.go            batchList: credit batches in the oldest-first order, in blocks that count them per status
//	batch_index.go           the credit batch index: each organisation's batches, by supplier, project, delivery, order; totals
//	views.go                 the state as the client's types: records, totals, balances
//	read_handlers.go         the GET endpoints of the API
//	credit_batch_filter.go   the query of GET /organisations/{id}/credit_batches, answered from the index
//	transaction_handlers.go  the POST endpoints of the API
//	rules.go                 the registry's rules for transactions, and the split of a batch
//	journal.go               persistence: the state file, the journal of committed transactions, replay, compaction
//	state_json.go            seed and state files in JSON, their long lists encoded and decoded on every CPU
//	state_fastjson.go        a fast path for reading credit batches and issuances, falling back to encoding/json
//	icr_handlers.go          the ICR endpoints
//	hooks.go                 test hooks in process: the request log, faults, read-only views
//	hooks_http.go            the same test hooks over HTTP
//	pages.go                 the read-only HTML pages: their paths, templates/ (embedded), rendering, the 404 page
//	page_views.go            the data of each page, from the state: the world, certificates, batch lineages, projects, suppliers
//	helpers_test.go          the helpers the package's tests share
package localregistry
