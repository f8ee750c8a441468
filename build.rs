// The default theme and the domain data are built into the binary
// (src/render/theme.rs, src/domain.rs); rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=data");
}
