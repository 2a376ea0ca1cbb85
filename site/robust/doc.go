// Package robust holds the robustness tests of nnstep that belong to no
// single package: absurd hyper-parameters given to the trainer, bad specs
// and bad points given to the datasets, and bad requests sent to the API
// through the whole native server (site/server + site/api), as `make serve`
// runs it. Each test backs rows of docs/robustness.md, the bad-input table;
// TestRobustnessTable checks that every test the table names exists.
//
// The browser rows of the table (malformed URLs, CSVs loaded in the page,
// divergence while playing) are in site/e2e/robust_test.go.
package robust
