package datasets

import (
	"path"
	"sort"
	"sync"
)

// ManifestEntry is one file Fetcher can download and verify.
type ManifestEntry struct {
	// Name is the file's slash-separated path in the cache, laid out like
	// the shared data folder: "cwru/12k_drive_end/105.mat".
	Name string
	// URL is where the publisher serves the file.
	URL string
	// SHA256 is the hex SHA-256 of the publisher's file.
	SHA256 string
	// Size is the file's length in bytes.
	Size int64
}

// CWRUBaseURL is where the CWRU Bearing Data Center serves its records, as
// CWRUBaseURL + "/" + number + ".mat".
const CWRUBaseURL = "https://engineering.case.edu/sites/default/files"

// cwruFiles lists the CWRU records whose original files have been checked:
// the 60 records of the 12 kHz drive-end table and the 0 hp normal
// baseline, with the SHA-256 and size of the data center's files.
var cwruFiles = []struct {
	name, sha256 string
	size         int64
}{
	{"cwru/12k_drive_end/105.mat", "f80b0ea04fd06b372a0eaec7c056543ea37e4bb4727a5b173d2a5bacd2aa9cab", 2910768},
	{"cwru/12k_drive_end/106.mat", "e5cec7cdd138e6cd1deb9ed8634e5aaa9bc1bd7094ddc075bff606580eb6e883", 2928192},
	{"cwru/12k_drive_end/107.mat", "111ba8996a115684661a13c913bd74d8029a59294492f88aec7b03e175fdd388", 2931672},
	{"cwru/12k_drive_end/108.mat", "d415f0e65128bfa0b118c2051c988fb0dc6ce3e4c8aa45fdc5ad1d0967462e7d", 2950416},
	{"cwru/12k_drive_end/118.mat", "b00628f8dd8d1d930af77fa465d1e5cdb385fe259489053f91f3680bda7f640e", 2942112},
	{"cwru/12k_drive_end/119.mat", "bc72d9df7668219e004a0f711232b23ec0aed393eb9bd8f9f5483426f6b51330", 2914248},
	{"cwru/12k_drive_end/120.mat", "e0b7a584c49af52335ff0904a97d4afcf02d045625c582de63a7c85ce10b489c", 2917752},
	{"cwru/12k_drive_end/121.mat", "52f686e984ba8e9b04a047a57416271cdb322cee57ee105dce58926a24b966cb", 2917752},
	{"cwru/12k_drive_end/130.mat", "35a095307d0971477049b343a1b5981dde465a58fb7f233ad89b035068c1717d", 2928192},
	{"cwru/12k_drive_end/131.mat", "7883f7b83beadc54b2f301767f9145ce07055707182fb0278fdf0a6bb53ce3cb", 2938632},
	{"cwru/12k_drive_end/132.mat", "17a69ed5d2270b42532e678e35bbe2fa04a2cc413cf2bf9e88c7692de8662d18", 2914248},
	{"cwru/12k_drive_end/133.mat", "53f076cb0d905cf46bffaee7736abce8224ffed777deed03c0c863d762a90c71", 2942112},
	{"cwru/12k_drive_end/144.mat", "f1f51d8c3b66e90fcdd8de15be95c2d4d3e9bac018dbba57f3006e930eec6b22", 2935152},
	{"cwru/12k_drive_end/145.mat", "2ea3b3e021ec0024a6b85573035e4ca76856180c875fed7740a2ee7216ad84a2", 2924712},
	{"cwru/12k_drive_end/146.mat", "1be984f637243ce8e0bf801a6a82b0b024abd6d0f71aa9d759330ccc898d7b7b", 2917752},
	{"cwru/12k_drive_end/147.mat", "cb8a4440866359a664200b5cf774c567accdbf12a56a4854d137a4638cfe43fb", 2935152},
	{"cwru/12k_drive_end/156.mat", "d6ebef8850c114f136018381f6d3fa1c700073a784fffac72c0c8a3e21a227e3", 2935152},
	{"cwru/12k_drive_end/158.mat", "9ca1d5954e2ab970d3e8e87d069a1a468151f177071b4b7dc6f9ca1acfd0dfcd", 2928192},
	{"cwru/12k_drive_end/159.mat", "a0544e211cda781e06c70a29fbbc34ff871625dd9929917cfb5367b8bc59d236", 2935152},
	{"cwru/12k_drive_end/160.mat", "e3385b0ba00274a35405205622b9513cbd0b2a3e62116d50adf477a1def0e8d2", 2931672},
	{"cwru/12k_drive_end/169.mat", "f5448673725c4ea2735fe7d3fe4b16ad82b217eac6b62c4bf351c4549b0a5229", 2924712},
	{"cwru/12k_drive_end/170.mat", "bcb73a5208b67265468232a2e342f53719850901671d0ee28494f3af97621f46", 2924712},
	{"cwru/12k_drive_end/171.mat", "63d0fdc1a68e64610ddfaf56a9c224d6137ab7b5c0d318eea1d542b9e5ffc029", 2924712},
	{"cwru/12k_drive_end/172.mat", "f75170ceef70d5da475671de0d2e52a0acd9b3883ad422b6deaf2907d888ba24", 2921232},
	{"cwru/12k_drive_end/185.mat", "5bea2c60f177215ba3ec4ae287faf745d7e14aed1a12efe9e37b27c27044bafc", 2924712},
	{"cwru/12k_drive_end/186.mat", "1b3b6f3ad38e891feaa8026fe957b34f62f9082785089cc74f6878acdfe88ec5", 2931672},
	{"cwru/12k_drive_end/187.mat", "0f1338cce89beb5c8d8e5e154579bc576354e7c7d1617ebd1759662c6f3100b2", 2928192},
	{"cwru/12k_drive_end/188.mat", "1981614324d653c2522bea68fd4fd87e337495b117d12596db67abd1e10e7443", 2931672},
	{"cwru/12k_drive_end/197.mat", "fa571b47cd942f9514a920b403fb7c053cd442bb2963a360a96d0f61432f03e9", 2924712},
	{"cwru/12k_drive_end/198.mat", "dbd58e4585ca8f8332c708b15936987ec0990ca701359fd2483dae2719df5b49", 2931672},
	{"cwru/12k_drive_end/199.mat", "ca4e6407fdb68845a6973da6028477911a62d018580063749fe956441be95cf2", 2924712},
	{"cwru/12k_drive_end/200.mat", "2526483d2701220a700df8e6c9db0c527641b0887225907f4096610dd7120f4b", 2928192},
	{"cwru/12k_drive_end/209.mat", "9f723d6d9d2eba714c6dc50f99321dffa73d8b1e4d3605675b2c2251511eff80", 2931672},
	{"cwru/12k_drive_end/210.mat", "596692397e77e129a00f7b7a61c4c3ffd6c7a59979b89039e7f70a7431cce1c7", 2917752},
	{"cwru/12k_drive_end/211.mat", "8296a02ee489c2d16cbd9fc278ca2e29b22475cec70ebe840558c78b6b743dc1", 2924712},
	{"cwru/12k_drive_end/212.mat", "bfe13761f545a26b217db897a12d27e16fec74306aa86ade8dbdc8ebe587c253", 2928192},
	{"cwru/12k_drive_end/222.mat", "fcc0ee740fa123b1f4683f555458891719efb2857afd9fdee63e8fde0ed14469", 2928192},
	{"cwru/12k_drive_end/223.mat", "7287410fd2217e3b332c5ab4732a68963be046d7d17bd40efa41cabe6a0514e5", 2921232},
	{"cwru/12k_drive_end/224.mat", "8a16894c2ff4d6bcdb9f4c345c0d5f13737b3bd6d15015d6b566c86e7a3ee7b7", 2931672},
	{"cwru/12k_drive_end/225.mat", "ece92fa141af03473fdfca80d00d9112472a20340224514e79979c6ddc97a6cf", 2931672},
	{"cwru/12k_drive_end/234.mat", "ebcbdb96612e8085bbdbf81f0e5e8e8a8d1a693d1ec559c4894f7792771aa9b2", 2938632},
	{"cwru/12k_drive_end/235.mat", "667e4bf1f213f92d10dca71d494ad002d8fd22bfd8004b31a4c71ccf0d764b66", 2928192},
	{"cwru/12k_drive_end/236.mat", "c411d6d9826cba8073430555dc833e05fcbe4c38535f3eb7f03c525ea6797589", 2935152},
	{"cwru/12k_drive_end/237.mat", "233d1edb2daa963658369119e389e30f02aca551dd7bb028ab33e7ba63edfd20", 2928192},
	{"cwru/12k_drive_end/246.mat", "9e02c5e5785f51cc9a60bf31ccb14e6869ff7d452e4aedefa325aa8a6d9da4e9", 2921232},
	{"cwru/12k_drive_end/247.mat", "83ed7f952bd0e1c412ca490e1757a36c4f91ffdef75ce359daaeec4a5b0466fa", 2928192},
	{"cwru/12k_drive_end/248.mat", "d3418e8f9884493548bdddb5406f84a4fd0e73ec153b8f3dfd4633525685ff10", 2935152},
	{"cwru/12k_drive_end/249.mat", "2468c6faf7d93483ffba1f2a10b17820f024d5a34037256e7ee38dfde541e974", 2931672},
	{"cwru/12k_drive_end/258.mat", "0b9c84acca45c3ee6ecbd697eb186a903293809625fda231a18da8c588e34383", 2924712},
	{"cwru/12k_drive_end/259.mat", "7d9f99e3a85d10d9c9548d09a2990f5dd35dd8a634d2f71ac1192a03ffadf1f2", 2938632},
	{"cwru/12k_drive_end/260.mat", "75b92225df9bdc8053809d9732fec4a5eac27e770bb78f9796998f8b7f6a15df", 2945592},
	{"cwru/12k_drive_end/261.mat", "d89e31d7ba9f08e183e9acdea10f814a89837e38e6762a7dde4d871a976437a1", 2921232},
	{"cwru/12k_drive_end/3001.mat", "2e7400f922b75888dbee1fc3ab8c7cd770822127aa97353b7b622de103e79d46", 966608},
	{"cwru/12k_drive_end/3002.mat", "13556b993e01d95a48c6693f592bbea4da2252c99eb94d2f4a0961d8b3af033a", 971008},
	{"cwru/12k_drive_end/3003.mat", "ef7ebceaee0a1da63c6da18f227e3582d6c626dbce2d84a06674872645cb8272", 971008},
	{"cwru/12k_drive_end/3004.mat", "5c0a940bcef2b4850c826f3480f493ea69c68a09b79a70e79c7fa5cb39020c32", 972480},
	{"cwru/12k_drive_end/3005.mat", "37f3f8e0268a9cd7df8ff5e15e326be06ab099b2291a2282041d01bb89a7c924", 966608},
	{"cwru/12k_drive_end/3006.mat", "b642c57602deaeecfa33291d9179a2d2c2d997e0c23b44598a3cdecb9533d3f1", 971008},
	{"cwru/12k_drive_end/3007.mat", "9b1ce8c46b4df3c3a8ab5f18a3fceaa78b0c17904716abc1bf6066c7235a226c", 968072},
	{"cwru/12k_drive_end/3008.mat", "ac958f7b5a1c00469849e6104a1869d75231cddd0742a39d36475fce589ee475", 968072},
	{"cwru/normal/97.mat", "16bf48babcf1c7ac224bc1a81cd9eafdb27e42d5cf559761907e067e8eeadf3c", 3903344},
}

var builtinManifest = sync.OnceValues(func() ([]ManifestEntry, map[string]ManifestEntry) {
	list := make([]ManifestEntry, 0, len(cwruFiles))
	for _, f := range cwruFiles {
		list = append(list, ManifestEntry{
			Name:   f.name,
			URL:    CWRUBaseURL + "/" + path.Base(f.name),
			SHA256: f.sha256,
			Size:   f.size,
		})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	byName := make(map[string]ManifestEntry, len(list))
	for _, e := range list {
		byName[e.Name] = e
	}
	return list, byName
})

// Manifest returns the built-in manifest, sorted by name: the CWRU 12 kHz
// drive-end records and the normal baseline 97, at the data center's URLs.
// The slice is a fresh copy.
func Manifest() []ManifestEntry {
	list, _ := builtinManifest()
	return append([]ManifestEntry(nil), list...)
}

// LookupManifest returns the built-in manifest entry called name.
func LookupManifest(name string) (ManifestEntry, bool) {
	_, byName := builtinManifest()
	e, ok := byName[name]
	return e, ok
}
