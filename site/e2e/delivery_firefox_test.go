//go:build delivery

package e2e

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDeliveryOfflineFirefox opens the offline file, copied alone to an
// empty folder, from file:// in Firefox ESR: the essential checks hold
// there too (firefox_test.go), the view without WebGL included.
func TestDeliveryOfflineFirefox(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(deliveryDist(t), "nnstep-offline.html"))
	if err != nil {
		t.Fatalf("%v: run make offline first (make test-delivery does)", err)
	}
	file := filepath.Join(t.TempDir(), "nnstep-offline.html")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pages := runFirefox(t, "file://"+filepath.ToSlash(file)+"?lang=en&"+lessonURL)
	pages[0].check(t, "en")
}
