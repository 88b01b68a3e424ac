package com.example.triage;

import org.apache.camel.main.Main;

/** Runs the application: its routes are src/main/resources/camel/*.yaml, its settings application.properties. */
public final class TicketTriage {

    private TicketTriage() {
    }

    public static void main(String[] args) throws Exception {
        new Main(TicketTriage.class).run(args);
    }
}
