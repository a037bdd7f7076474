//! The web app's entry point (built by Trunk).
fn main() {
    kafka_lab_web::start();
}
