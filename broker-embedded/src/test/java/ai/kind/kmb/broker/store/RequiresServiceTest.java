package ai.kind.kmb.broker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

class RequiresServiceTest {

    @Test
    void anAbsentServerSkipsWithItsNameAndAddressOrFailsWhenServicesAreRequired() {
        RequiresService nothing = new RequiresService("Nothing", "127.0.0.1", 1);

        Throwable outcome = catchThrowable(() -> nothing.beforeAll(context("SomeStoreTest")));

        assertThat(outcome).hasMessageContaining("Nothing is not reachable on 127.0.0.1:1");
        if ("1".equals(System.getenv(RequiresService.REQUIRE_VARIABLE))) {
            assertThat(outcome).isInstanceOf(IllegalStateException.class).hasMessageContaining("failure, not a skip");
        } else {
            assertThat(outcome).isInstanceOf(TestAbortedException.class).hasMessageContaining("skipping SomeStoreTest");
        }
    }

    /** Only the display name is asked for. */
    private static ExtensionContext context(String displayName) {
        return (ExtensionContext) Proxy.newProxyInstance(ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDisplayName")) {
                        return displayName;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
