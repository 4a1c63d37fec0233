package io.gstatsd.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The built WAR with its MicroProfile Config settings replaced, for Arquillian deployments. */
final class TestWar {

    private TestWar() {
    }

    static WebArchive with(String... settings) {
        WebArchive war = ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/gstatsd.war"));
        war.delete("WEB-INF/classes/META-INF/microprofile-config.properties");
        war.addAsResource(new StringAsset(String.join("\n", settings) + "\n"), "META-INF/microprofile-config.properties");
        return war;
    }
}
