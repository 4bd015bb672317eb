package io.dtf.node.hardware;

/**
 * A graphics card DTF counts: one whose vendor and model are known.
 *
 * @param vendor    short lower-case vendor name ({@code nvidia}, {@code amd}, {@code intel}, {@code apple}, ...)
 * @param model     the model as the operating system reports it, e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param vramBytes video memory; 0 when the system does not say
 */
public record Gpu(String vendor, String model, long vramBytes) {
}
