WITH "t13" AS (
  SELECT
    "t2"."patient_id",
    "t2"."day"
  FROM "transfusions" AS "t2"
  WHERE
    "t2"."product" = 'platelets'
), "t24" AS (
  SELECT
    "t14"."patient_id",
    MIN("t14"."day") AS "first_transfusion_day"
  FROM (
    SELECT
      "t2"."patient_id",
      "t2"."day"
    FROM "transfusions" AS "t2"
    WHERE
      "t2"."product" = 'platelets' AND "t2"."day" >= 0
  ) AS "t14"
  GROUP BY
    1
), "t30" AS (
  SELECT
    "t11"."patient_id",
    "t11"."day",
    MIN(CASE WHEN "t11"."qualifier" = '<' THEN 0.0 ELSE "t11"."value" END) AS "value"
  FROM (
    SELECT
      *
    FROM "labs" AS "t1"
    WHERE
      "t1"."analyte" = 'plt' AND "t1"."day" >= 0
  ) AS "t11"
  GROUP BY
    1,
    2
), "t42" AS (
  SELECT
    "t29"."patient_id",
    "t29"."day",
    COALESCE(
      "t29"."anc",
      (
        "t29"."wbc" * (
          "t29"."seg" + COALESCE("t29"."bands", 0.0)
        )
      ) / 100.0
    ) AS "value"
  FROM (
    SELECT
      "t10"."patient_id",
      "t10"."day",
      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
        "t10"."analyte" = 'anc') AS "anc",
      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
        "t10"."analyte" = 'wbc') AS "wbc",
      MIN(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
        "t10"."analyte" = 'neut_pct') AS "seg",
      MAX(CASE WHEN "t10"."qualifier" = '<' THEN 0.0 ELSE "t10"."value" END) FILTER(WHERE
        "t10"."analyte" = 'bands_pct') AS "bands"
    FROM (
      SELECT
        *
      FROM "labs" AS "t1"
      WHERE
        "t1"."analyte" IN ('anc', 'wbc', 'neut_pct', 'bands_pct') AND "t1"."day" >= 0
    ) AS "t10"
    GROUP BY
      1,
      2
  ) AS "t29"
), "t49" AS (
  SELECT
    "t38"."patient_id",
    "t38"."day",
    "t38"."value",
    "t38"."platelet_engraftment_meets",
    "t38"."platelet50_engraftment_meets",
    "t38"."platelet_engraftment_meets"
    AND COALESCE(
      LEAD("t38"."platelet_engraftment_meets", 1) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t38"."platelet_engraftment_meets", 2) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t38"."day", 1) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t38"."day", 2) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet_engraftment_run_start",
    SUM(CASE WHEN "t38"."platelet_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t38"."patient_id"
      ORDER BY "t38"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet_engraftment_failed_before",
    "t38"."platelet50_engraftment_meets"
    AND COALESCE(
      LEAD("t38"."platelet50_engraftment_meets", 1) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND COALESCE(
      LEAD("t38"."platelet50_engraftment_meets", 2) OVER (
        PARTITION BY "t38"."patient_id"
        ORDER BY "t38"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
      ),
      FALSE
    )
    AND (
      TRUE
      AND (
        LEAD("t38"."day", 1) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
      AND (
        LEAD("t38"."day", 2) OVER (
          PARTITION BY "t38"."patient_id"
          ORDER BY "t38"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ) IS NOT NULL
      )
    ) AS "platelet50_engraftment_run_start",
    SUM(CASE WHEN "t38"."platelet50_engraftment_meets" THEN 0 ELSE 1 END) OVER (
      PARTITION BY "t38"."patient_id"
      ORDER BY "t38"."day" ASC
      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) > 0 AS "platelet50_engraftment_failed_before"
  FROM (
    SELECT
      "t33"."patient_id",
      "t33"."day",
      "t33"."value",
      "t33"."value" >= 20.0 AS "platelet_engraftment_meets",
      "t33"."value" >= 50.0 AS "platelet50_engraftment_meets"
    FROM "t30" AS "t33"
  ) AS "t38"
), "t56" AS (
  SELECT
    "t51"."patient_id",
    BOOL_OR(CAST(NOT (
      "t51"."platelet_engraftment_meets"
    ) AS BOOLEAN)) AS "platelet_engraftment_fell",
    BOOL_OR(CAST(NOT (
      "t51"."platelet50_engraftment_meets"
    ) AS BOOLEAN)) AS "platelet50_engraftment_fell"
  FROM "t49" AS "t51"
  GROUP BY
    1
), "t68" AS (
  SELECT
    "t59"."patient_id",
    CAST(MIN("t59"."day") FILTER(WHERE
      "t59"."run_start" AND "t59"."failed_before") AS BIGINT) AS "day",
    BOOL_OR(CAST(NOT (
      "t59"."meets"
    ) AS BOOLEAN)) AS "applicable"
  FROM (
    SELECT
      "t46"."patient_id",
      "t46"."day",
      "t46"."value",
      "t46"."meets",
      "t46"."meets"
      AND COALESCE(
        LEAD("t46"."meets", 1) OVER (
          PARTITION BY "t46"."patient_id"
          ORDER BY "t46"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND COALESCE(
        LEAD("t46"."meets", 2) OVER (
          PARTITION BY "t46"."patient_id"
          ORDER BY "t46"."day" ASC
          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
        ),
        FALSE
      )
      AND (
        TRUE
        AND (
          LEAD("t46"."day", 1) OVER (
            PARTITION BY "t46"."patient_id"
            ORDER BY "t46"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
        AND (
          LEAD("t46"."day", 2) OVER (
            PARTITION BY "t46"."patient_id"
            ORDER BY "t46"."day" ASC
            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
          ) IS NOT NULL
        )
      ) AS "run_start",
      SUM(CASE WHEN "t46"."meets" THEN 0 ELSE 1 END) OVER (
        PARTITION BY "t46"."patient_id"
        ORDER BY "t46"."day" ASC
        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
      ) > 0 AS "failed_before"
    FROM (
      SELECT
        "t44"."patient_id",
        "t44"."day",
        "t44"."value",
        "t44"."value" >= 0.5 AS "meets"
      FROM "t42" AS "t44"
      WHERE
        "t44"."value" IS NOT NULL
    ) AS "t46"
  ) AS "t59"
  GROUP BY
    1
), "t85" AS (
  SELECT
    "t81"."patient_id",
    "t81"."cutoff"
  FROM (
    SELECT
      "t69"."patient_id",
      CASE
        WHEN "t69"."graft_source" = 'bm'
        THEN 30
        WHEN "t69"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t69"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END AS "cutoff",
      "t69"."modality"
    FROM (
      SELECT
        "t67".*
        EXCLUDE ("last_lab_day")
      FROM (
        SELECT
          "t61"."patient_id",
          "t61"."arm",
          "t61"."modality",
          "t61"."graft_source",
          "t61"."second_infusion_day",
          "t61"."weight_kg",
          "t61"."death_day",
          COALESCE("t61"."censor_day", CAST("t61"."last_lab_day" AS BIGINT), 0) AS "censor_day",
          "t61"."relapse_day",
          "t61"."last_lab_day"
        FROM (
          SELECT
            "t58".*
            EXCLUDE ("patient_id_right")
          FROM (
            SELECT
              "t53"."patient_id",
              "t53"."arm",
              "t53"."modality",
              "t53"."graft_source",
              "t53"."second_infusion_day",
              "t53"."weight_kg",
              "t53"."death_day",
              "t53"."censor_day",
              "t53"."relapse_day",
              "t18"."patient_id" AS "patient_id_right",
              "t18"."last_lab_day"
            FROM (
              SELECT
                "t50".*
                EXCLUDE ("patient_id_right")
              FROM (
                SELECT
                  "t45"."patient_id",
                  "t45"."arm",
                  "t45"."modality",
                  "t45"."graft_source",
                  "t45"."second_infusion_day",
                  "t45"."weight_kg",
                  "t45"."death_day",
                  "t45"."censor_day",
                  "t26"."patient_id" AS "patient_id_right",
                  "t26"."relapse_day"
                FROM (
                  SELECT
                    "t41".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t36"."patient_id",
                      "t36"."arm",
                      "t36"."modality",
                      "t36"."graft_source",
                      "t36"."second_infusion_day",
                      "t36"."weight_kg",
                      "t28"."patient_id" AS "patient_id_right",
                      "t28"."death_day",
                      "t28"."censor_day"
                    FROM (
                      SELECT
                        "t32".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t20"."patient_id",
                          "t20"."arm",
                          "t20"."modality",
                          "t20"."graft_source",
                          "t20"."second_infusion_day",
                          "t16"."patient_id" AS "patient_id_right",
                          "t16"."weight_kg"
                        FROM (
                          SELECT
                            "t4"."patient_id",
                            COALESCE("t4"."arm", "t4"."modality") AS "arm",
                            "t4"."modality",
                            "t4"."graft_source",
                            CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                          FROM "treatments" AS "t4"
                        ) AS "t20"
                        LEFT OUTER JOIN (
                          SELECT
                            "t5"."patient_id",
                            "t5"."weight_kg"
                          FROM "patients" AS "t5"
                        ) AS "t16"
                          ON "t20"."patient_id" = "t16"."patient_id"
                      ) AS "t32"
                    ) AS "t36"
                    LEFT OUTER JOIN (
                      SELECT
                        "t3"."patient_id",
                        CASE
                          WHEN "t3"."vital_status" = 'dead'
                          THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                          ELSE CAST(NULL AS BIGINT)
                        END AS "death_day",
                        GREATEST(
                          "t3"."last_contact_day",
                          COALESCE(
                            CASE
                              WHEN "t3"."vital_status" = 'dead'
                              THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                              ELSE CAST(NULL AS BIGINT)
                            END,
                            "t3"."last_contact_day"
                          )
                        ) AS "censor_day"
                      FROM "followup" AS "t3"
                    ) AS "t28"
                      ON "t36"."patient_id" = "t28"."patient_id"
                  ) AS "t41"
                ) AS "t45"
                LEFT OUTER JOIN (
                  SELECT
                    "t8"."patient_id",
                    MIN("t8"."day") AS "relapse_day"
                  FROM (
                    SELECT
                      *
                    FROM "disease_assessments" AS "t0"
                    WHERE
                      "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                  ) AS "t8"
                  GROUP BY
                    1
                ) AS "t26"
                  ON "t45"."patient_id" = "t26"."patient_id"
              ) AS "t50"
            ) AS "t53"
            LEFT OUTER JOIN (
              SELECT
                "t1"."patient_id",
                MAX("t1"."day") AS "last_lab_day"
              FROM "labs" AS "t1"
              GROUP BY
                1
            ) AS "t18"
              ON "t53"."patient_id" = "t18"."patient_id"
          ) AS "t58"
        ) AS "t61"
      ) AS "t67"
    ) AS "t69"
  ) AS "t81"
  WHERE
    "t81"."cutoff" IS NOT NULL AND "t81"."modality" IN ('allo_hsct', 'auto_hsct')
), "t118" AS (
  SELECT
    "t113"."patient_id",
    CASE
      WHEN (
        CASE WHEN NOT (
          "t113"."n_fell"
        ) THEN 0 ELSE "t113"."n_day" END IS NOT NULL
      )
      AND (
        CASE WHEN NOT (
          "t113"."p_fell"
        ) THEN 0 ELSE "t113"."p_day" END IS NOT NULL
      )
      THEN GREATEST(
        CASE WHEN NOT (
          "t113"."n_fell"
        ) THEN 0 ELSE "t113"."n_day" END,
        CASE WHEN NOT (
          "t113"."p_fell"
        ) THEN 0 ELSE "t113"."p_day" END
      )
      ELSE CAST(NULL AS BIGINT)
    END AS "recovered_day",
    CASE WHEN NOT (
      "t113"."n_fell"
    ) THEN 0 ELSE "t113"."n_day" END IS NOT NULL AS "neutrophils_recovered",
    "t113"."p_fell" IS NOT NULL AS "platelets_known"
  FROM (
    SELECT
      "t112".*
      EXCLUDE ("patient_id_right")
    FROM (
      SELECT
        "t95"."patient_id",
        "t95"."n_day",
        "t95"."n_fell",
        "t110"."patient_id" AS "patient_id_right",
        "t110"."p_day",
        "t110"."p_fell"
      FROM (
        SELECT
          "t87"."patient_id",
          "t87"."n_day",
          "t87"."n_fell"
        FROM (
          SELECT
            "t78"."patient_id",
            "t79"."patient_id" AS "patient_id_right",
            "t79"."n_day",
            "t79"."n_fell"
          FROM (
            SELECT
              "t69"."patient_id"
            FROM (
              SELECT
                "t67".*
                EXCLUDE ("last_lab_day")
              FROM (
                SELECT
                  "t61"."patient_id",
                  "t61"."arm",
                  "t61"."modality",
                  "t61"."graft_source",
                  "t61"."second_infusion_day",
                  "t61"."weight_kg",
                  "t61"."death_day",
                  COALESCE("t61"."censor_day", CAST("t61"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                  "t61"."relapse_day",
                  "t61"."last_lab_day"
                FROM (
                  SELECT
                    "t58".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t53"."patient_id",
                      "t53"."arm",
                      "t53"."modality",
                      "t53"."graft_source",
                      "t53"."second_infusion_day",
                      "t53"."weight_kg",
                      "t53"."death_day",
                      "t53"."censor_day",
                      "t53"."relapse_day",
                      "t18"."patient_id" AS "patient_id_right",
                      "t18"."last_lab_day"
                    FROM (
                      SELECT
                        "t50".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t45"."patient_id",
                          "t45"."arm",
                          "t45"."modality",
                          "t45"."graft_source",
                          "t45"."second_infusion_day",
                          "t45"."weight_kg",
                          "t45"."death_day",
                          "t45"."censor_day",
                          "t26"."patient_id" AS "patient_id_right",
                          "t26"."relapse_day"
                        FROM (
                          SELECT
                            "t41".*
                            EXCLUDE ("patient_id_right")
                          FROM (
                            SELECT
                              "t36"."patient_id",
                              "t36"."arm",
                              "t36"."modality",
                              "t36"."graft_source",
                              "t36"."second_infusion_day",
                              "t36"."weight_kg",
                              "t28"."patient_id" AS "patient_id_right",
                              "t28"."death_day",
                              "t28"."censor_day"
                            FROM (
                              SELECT
                                "t32".*
                                EXCLUDE ("patient_id_right")
                              FROM (
                                SELECT
                                  "t20"."patient_id",
                                  "t20"."arm",
                                  "t20"."modality",
                                  "t20"."graft_source",
                                  "t20"."second_infusion_day",
                                  "t16"."patient_id" AS "patient_id_right",
                                  "t16"."weight_kg"
                                FROM (
                                  SELECT
                                    "t4"."patient_id",
                                    COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                    "t4"."modality",
                                    "t4"."graft_source",
                                    CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                  FROM "treatments" AS "t4"
                                ) AS "t20"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t5"."patient_id",
                                    "t5"."weight_kg"
                                  FROM "patients" AS "t5"
                                ) AS "t16"
                                  ON "t20"."patient_id" = "t16"."patient_id"
                              ) AS "t32"
                            ) AS "t36"
                            LEFT OUTER JOIN (
                              SELECT
                                "t3"."patient_id",
                                CASE
                                  WHEN "t3"."vital_status" = 'dead'
                                  THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END AS "death_day",
                                GREATEST(
                                  "t3"."last_contact_day",
                                  COALESCE(
                                    CASE
                                      WHEN "t3"."vital_status" = 'dead'
                                      THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END,
                                    "t3"."last_contact_day"
                                  )
                                ) AS "censor_day"
                              FROM "followup" AS "t3"
                            ) AS "t28"
                              ON "t36"."patient_id" = "t28"."patient_id"
                          ) AS "t41"
                        ) AS "t45"
                        LEFT OUTER JOIN (
                          SELECT
                            "t8"."patient_id",
                            MIN("t8"."day") AS "relapse_day"
                          FROM (
                            SELECT
                              *
                            FROM "disease_assessments" AS "t0"
                            WHERE
                              "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                          ) AS "t8"
                          GROUP BY
                            1
                        ) AS "t26"
                          ON "t45"."patient_id" = "t26"."patient_id"
                      ) AS "t50"
                    ) AS "t53"
                    LEFT OUTER JOIN (
                      SELECT
                        "t1"."patient_id",
                        MAX("t1"."day") AS "last_lab_day"
                      FROM "labs" AS "t1"
                      GROUP BY
                        1
                    ) AS "t18"
                      ON "t53"."patient_id" = "t18"."patient_id"
                  ) AS "t58"
                ) AS "t61"
              ) AS "t67"
            ) AS "t69"
          ) AS "t78"
          LEFT OUTER JOIN (
            SELECT
              "t70"."patient_id",
              "t70"."day" AS "n_day",
              "t70"."applicable" AS "n_fell"
            FROM "t68" AS "t70"
          ) AS "t79"
            ON "t78"."patient_id" = "t79"."patient_id"
        ) AS "t87"
      ) AS "t95"
      LEFT OUTER JOIN (
        SELECT
          "t104"."patient_id",
          "t104"."day" AS "p_day",
          COALESCE("t104"."platelet_engraftment_fell", FALSE)
          OR (
            "t104"."first_transfusion_day" IS NOT NULL
          ) AS "p_fell"
        FROM (
          SELECT
            "t101".*
            EXCLUDE ("patient_id_right")
          FROM (
            SELECT
              "t96"."patient_id",
              "t96"."platelet_engraftment_fell",
              "t96"."platelet50_engraftment_fell",
              "t96"."first_transfusion_day",
              "t98"."patient_id" AS "patient_id_right",
              "t98"."day"
            FROM (
              SELECT
                "t90".*
                EXCLUDE ("patient_id_right")
              FROM (
                SELECT
                  "t82"."patient_id",
                  "t82"."platelet_engraftment_fell",
                  "t82"."platelet50_engraftment_fell",
                  "t31"."patient_id" AS "patient_id_right",
                  "t31"."first_transfusion_day"
                FROM (
                  SELECT
                    "t74"."patient_id",
                    "t74"."platelet_engraftment_fell",
                    "t74"."platelet50_engraftment_fell"
                  FROM (
                    SELECT
                      "t66"."patient_id",
                      "t60"."patient_id" AS "patient_id_right",
                      "t60"."platelet_engraftment_fell",
                      "t60"."platelet50_engraftment_fell"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t57"."patient_id"
                        FROM "t56" AS "t57"
                      ) AS "t63"
                      UNION
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t27"."patient_id"
                        FROM "t24" AS "t27"
                      ) AS "t34"
                    ) AS "t66"
                    LEFT OUTER JOIN "t56" AS "t60"
                      ON "t66"."patient_id" = "t60"."patient_id"
                  ) AS "t74"
                ) AS "t82"
                LEFT OUTER JOIN "t24" AS "t31"
                  ON "t82"."patient_id" = "t31"."patient_id"
              ) AS "t90"
            ) AS "t96"
            LEFT OUTER JOIN (
              SELECT
                "t88"."patient_id",
                CAST(MIN("t88"."day") AS BIGINT) AS "day"
              FROM (
                SELECT
                  "t77"."patient_id",
                  "t77"."day",
                  "t77"."failed_before",
                  "t77"."first_transfusion_day"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t62".*
                      EXCLUDE ("patient_id_right")
                    FROM (
                      SELECT
                        "t55"."patient_id",
                        "t55"."day",
                        "t55"."failed_before",
                        "t31"."patient_id" AS "patient_id_right",
                        "t31"."first_transfusion_day"
                      FROM (
                        SELECT
                          "t51"."patient_id",
                          "t51"."day",
                          "t51"."platelet_engraftment_failed_before" AS "failed_before"
                        FROM "t49" AS "t51"
                        WHERE
                          "t51"."platelet_engraftment_run_start"
                      ) AS "t55"
                      LEFT OUTER JOIN "t24" AS "t31"
                        ON "t55"."patient_id" = "t31"."patient_id"
                    ) AS "t62"
                  ) AS "t64"
                  WHERE
                    "t64"."failed_before"
                    OR COALESCE("t64"."first_transfusion_day" < "t64"."day", FALSE)
                ) AS "t77"
                ANTI JOIN "t13" AS "t22"
                  ON "t77"."patient_id" = "t22"."patient_id"
                  AND "t22"."day" <= "t77"."day"
                  AND "t22"."day" > (
                    "t77"."day" - 7
                  )
              ) AS "t88"
              GROUP BY
                1
            ) AS "t98"
              ON "t96"."patient_id" = "t98"."patient_id"
          ) AS "t101"
        ) AS "t104"
      ) AS "t110"
        ON "t95"."patient_id" = "t110"."patient_id"
    ) AS "t112"
  ) AS "t113"
)
SELECT
  "t153"."patient_id",
  CASE
    WHEN NOT (
      "t153"."modality" IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN "t153"."graft_source" = 'bm'
          THEN 30
          WHEN "t153"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t153"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN (
      (
        "t153"."applicable" IS NOT NULL
      )
      AND NOT (
        COALESCE("t153"."applicable", TRUE)
      )
    )
    OR (
      (
        "t153"."day" IS NOT NULL
      )
      AND (
        "t153"."day" <= CASE
          WHEN "t153"."graft_source" = 'bm'
          THEN 30
          WHEN "t153"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t153"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END
      )
    )
    THEN 'no'
    WHEN "t153"."applicable" IS NULL
    THEN 'not_evaluable'
    WHEN "t153"."censor_day" < CASE
      WHEN "t153"."graft_source" = 'bm'
      THEN 30
      WHEN "t153"."graft_source" = 'pbsc'
      THEN 30
      WHEN "t153"."graft_source" = 'cord'
      THEN 42
      ELSE CAST(NULL AS BIGINT)
    END
    THEN 'not_evaluable'
    WHEN NOT (
      COALESCE("t153"."anc_low_near", FALSE)
    )
    THEN 'not_evaluable'
    WHEN "t153"."platelets_low_near"
    THEN 'yes'
    WHEN "t153"."platelets_seen_near"
    THEN 'no'
    ELSE 'not_evaluable'
  END AS "primary_graft_failure",
  CASE
    WHEN NOT (
      "t153"."modality" IN ('allo_hsct', 'auto_hsct')
      AND (
        CASE
          WHEN "t153"."graft_source" = 'bm'
          THEN 30
          WHEN "t153"."graft_source" = 'pbsc'
          THEN 30
          WHEN "t153"."graft_source" = 'cord'
          THEN 42
          ELSE CAST(NULL AS BIGINT)
        END IS NOT NULL
      )
    )
    THEN 'not_applicable'
    WHEN NOT (
      "t153"."recovered_day" IS NOT NULL
    )
    AND (
      TRUE
      AND COALESCE("t153"."neutrophils_recovered", FALSE)
      AND NOT (
        COALESCE("t153"."platelets_known", FALSE)
      )
    )
    THEN 'not_evaluable'
    WHEN NOT (
      "t153"."recovered_day" IS NOT NULL
    )
    THEN 'not_applicable'
    WHEN "t153"."decline_day" IS NOT NULL
    THEN 'yes'
    ELSE 'no'
  END AS "secondary_graft_failure",
  CASE
    WHEN "t153"."modality" IN ('allo_hsct', 'auto_hsct')
    AND (
      CASE
        WHEN "t153"."graft_source" = 'bm'
        THEN 30
        WHEN "t153"."graft_source" = 'pbsc'
        THEN 30
        WHEN "t153"."graft_source" = 'cord'
        THEN 42
        ELSE CAST(NULL AS BIGINT)
      END IS NOT NULL
    )
    THEN "t153"."decline_day"
    ELSE CAST(NULL AS BIGINT)
  END AS "secondary_graft_failure_day"
FROM (
  SELECT
    "t152".*
    EXCLUDE ("patient_id_right")
  FROM (
    SELECT
      "t129"."patient_id",
      "t129"."arm",
      "t129"."modality",
      "t129"."graft_source",
      "t129"."second_infusion_day",
      "t129"."weight_kg",
      "t129"."death_day",
      "t129"."censor_day",
      "t129"."relapse_day",
      "t129"."day",
      "t129"."applicable",
      "t129"."cutoff",
      "t129"."anc_low_near",
      "t129"."platelets_low_near",
      "t129"."platelets_seen_near",
      "t151"."patient_id" AS "patient_id_right",
      "t151"."recovered_day",
      "t151"."neutrophils_recovered",
      "t151"."platelets_known",
      "t151"."decline_day",
      "t151"."decline_kind",
      "t151"."explained"
    FROM (
      SELECT
        "t125".*
        EXCLUDE ("patient_id_right")
      FROM (
        SELECT
          "t86"."patient_id",
          "t86"."arm",
          "t86"."modality",
          "t86"."graft_source",
          "t86"."second_infusion_day",
          "t86"."weight_kg",
          "t86"."death_day",
          "t86"."censor_day",
          "t86"."relapse_day",
          "t86"."day",
          "t86"."applicable",
          "t122"."patient_id" AS "patient_id_right",
          "t122"."cutoff",
          "t122"."anc_low_near",
          "t122"."platelets_low_near",
          "t122"."platelets_seen_near"
        FROM (
          SELECT
            "t83".*
            EXCLUDE ("patient_id_right")
          FROM (
            SELECT
              "t71"."patient_id",
              "t71"."arm",
              "t71"."modality",
              "t71"."graft_source",
              "t71"."second_infusion_day",
              "t71"."weight_kg",
              "t71"."death_day",
              "t71"."censor_day",
              "t71"."relapse_day",
              "t72"."patient_id" AS "patient_id_right",
              "t72"."day",
              "t72"."applicable"
            FROM (
              SELECT
                "t67".*
                EXCLUDE ("last_lab_day")
              FROM (
                SELECT
                  "t61"."patient_id",
                  "t61"."arm",
                  "t61"."modality",
                  "t61"."graft_source",
                  "t61"."second_infusion_day",
                  "t61"."weight_kg",
                  "t61"."death_day",
                  COALESCE("t61"."censor_day", CAST("t61"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                  "t61"."relapse_day",
                  "t61"."last_lab_day"
                FROM (
                  SELECT
                    "t58".*
                    EXCLUDE ("patient_id_right")
                  FROM (
                    SELECT
                      "t53"."patient_id",
                      "t53"."arm",
                      "t53"."modality",
                      "t53"."graft_source",
                      "t53"."second_infusion_day",
                      "t53"."weight_kg",
                      "t53"."death_day",
                      "t53"."censor_day",
                      "t53"."relapse_day",
                      "t18"."patient_id" AS "patient_id_right",
                      "t18"."last_lab_day"
                    FROM (
                      SELECT
                        "t50".*
                        EXCLUDE ("patient_id_right")
                      FROM (
                        SELECT
                          "t45"."patient_id",
                          "t45"."arm",
                          "t45"."modality",
                          "t45"."graft_source",
                          "t45"."second_infusion_day",
                          "t45"."weight_kg",
                          "t45"."death_day",
                          "t45"."censor_day",
                          "t26"."patient_id" AS "patient_id_right",
                          "t26"."relapse_day"
                        FROM (
                          SELECT
                            "t41".*
                            EXCLUDE ("patient_id_right")
                          FROM (
                            SELECT
                              "t36"."patient_id",
                              "t36"."arm",
                              "t36"."modality",
                              "t36"."graft_source",
                              "t36"."second_infusion_day",
                              "t36"."weight_kg",
                              "t28"."patient_id" AS "patient_id_right",
                              "t28"."death_day",
                              "t28"."censor_day"
                            FROM (
                              SELECT
                                "t32".*
                                EXCLUDE ("patient_id_right")
                              FROM (
                                SELECT
                                  "t20"."patient_id",
                                  "t20"."arm",
                                  "t20"."modality",
                                  "t20"."graft_source",
                                  "t20"."second_infusion_day",
                                  "t16"."patient_id" AS "patient_id_right",
                                  "t16"."weight_kg"
                                FROM (
                                  SELECT
                                    "t4"."patient_id",
                                    COALESCE("t4"."arm", "t4"."modality") AS "arm",
                                    "t4"."modality",
                                    "t4"."graft_source",
                                    CAST("t4"."second_infusion_day" AS BIGINT) AS "second_infusion_day"
                                  FROM "treatments" AS "t4"
                                ) AS "t20"
                                LEFT OUTER JOIN (
                                  SELECT
                                    "t5"."patient_id",
                                    "t5"."weight_kg"
                                  FROM "patients" AS "t5"
                                ) AS "t16"
                                  ON "t20"."patient_id" = "t16"."patient_id"
                              ) AS "t32"
                            ) AS "t36"
                            LEFT OUTER JOIN (
                              SELECT
                                "t3"."patient_id",
                                CASE
                                  WHEN "t3"."vital_status" = 'dead'
                                  THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                  ELSE CAST(NULL AS BIGINT)
                                END AS "death_day",
                                GREATEST(
                                  "t3"."last_contact_day",
                                  COALESCE(
                                    CASE
                                      WHEN "t3"."vital_status" = 'dead'
                                      THEN COALESCE("t3"."death_day", "t3"."last_contact_day")
                                      ELSE CAST(NULL AS BIGINT)
                                    END,
                                    "t3"."last_contact_day"
                                  )
                                ) AS "censor_day"
                              FROM "followup" AS "t3"
                            ) AS "t28"
                              ON "t36"."patient_id" = "t28"."patient_id"
                          ) AS "t41"
                        ) AS "t45"
                        LEFT OUTER JOIN (
                          SELECT
                            "t8"."patient_id",
                            MIN("t8"."day") AS "relapse_day"
                          FROM (
                            SELECT
                              *
                            FROM "disease_assessments" AS "t0"
                            WHERE
                              "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                          ) AS "t8"
                          GROUP BY
                            1
                        ) AS "t26"
                          ON "t45"."patient_id" = "t26"."patient_id"
                      ) AS "t50"
                    ) AS "t53"
                    LEFT OUTER JOIN (
                      SELECT
                        "t1"."patient_id",
                        MAX("t1"."day") AS "last_lab_day"
                      FROM "labs" AS "t1"
                      GROUP BY
                        1
                    ) AS "t18"
                      ON "t53"."patient_id" = "t18"."patient_id"
                  ) AS "t58"
                ) AS "t61"
              ) AS "t67"
            ) AS "t71"
            LEFT OUTER JOIN "t68" AS "t72"
              ON "t71"."patient_id" = "t72"."patient_id"
          ) AS "t83"
        ) AS "t86"
        LEFT OUTER JOIN (
          SELECT
            "t117"."patient_id",
            "t117"."cutoff",
            COALESCE("t117"."anc_low_near", FALSE) AS "anc_low_near",
            COALESCE("t117"."platelets_low_near", FALSE) AS "platelets_low_near",
            COALESCE("t117"."platelets_seen_near", FALSE) AS "platelets_seen_near"
          FROM (
            SELECT
              "t116".*
              EXCLUDE ("patient_id_right")
            FROM (
              SELECT
                "t115"."patient_id",
                "t115"."cutoff",
                "t115"."anc_low_near",
                "t108"."patient_id" AS "patient_id_right",
                "t108"."platelets_low_near",
                "t108"."platelets_seen_near"
              FROM (
                SELECT
                  "t111"."patient_id",
                  "t111"."cutoff",
                  "t111"."anc_low_near"
                FROM (
                  SELECT
                    "t91"."patient_id",
                    "t91"."cutoff",
                    "t109"."patient_id" AS "patient_id_right",
                    "t109"."anc_low_near"
                  FROM "t85" AS "t91"
                  LEFT OUTER JOIN (
                    SELECT
                      "t103"."patient_id",
                      BOOL_OR(CAST("t103"."value" < 0.5 AS BOOLEAN)) AS "anc_low_near"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t48"."patient_id",
                          "t48"."day",
                          "t48"."value",
                          "t92"."cutoff"
                        FROM (
                          SELECT
                            *
                          FROM "t42" AS "t44"
                          WHERE
                            "t44"."value" IS NOT NULL
                        ) AS "t48"
                        INNER JOIN "t85" AS "t92"
                          ON "t48"."patient_id" = "t92"."patient_id"
                      ) AS "t100"
                      WHERE
                        "t100"."day" BETWEEN "t100"."cutoff" - 7 AND "t100"."cutoff"
                    ) AS "t103"
                    GROUP BY
                      1
                  ) AS "t109"
                    ON "t91"."patient_id" = "t109"."patient_id"
                ) AS "t111"
              ) AS "t115"
              LEFT OUTER JOIN (
                SELECT
                  "t102"."patient_id",
                  BOOL_OR(CAST("t102"."low" AS BOOLEAN)) AS "platelets_low_near",
                  COUNT("t102"."day") > 0 AS "platelets_seen_near"
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      "t40"."patient_id",
                      "t40"."day",
                      "t40"."low",
                      "t92"."cutoff"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t33"."patient_id",
                          CAST("t33"."day" AS BIGINT) AS "day",
                          "t33"."value" < 20.0 AS "low"
                        FROM "t30" AS "t33"
                      ) AS "t37"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t2"."patient_id",
                          CAST("t2"."day" AS BIGINT) AS "day",
                          TRUE AS "low"
                        FROM "transfusions" AS "t2"
                        WHERE
                          "t2"."product" = 'platelets'
                      ) AS "t12"
                    ) AS "t40"
                    INNER JOIN "t85" AS "t92"
                      ON "t40"."patient_id" = "t92"."patient_id"
                  ) AS "t99"
                  WHERE
                    "t99"."day" BETWEEN "t99"."cutoff" - 7 AND "t99"."cutoff" + 7
                ) AS "t102"
                GROUP BY
                  1
              ) AS "t108"
                ON "t115"."patient_id" = "t108"."patient_id"
            ) AS "t116"
          ) AS "t117"
        ) AS "t122"
          ON "t86"."patient_id" = "t122"."patient_id"
      ) AS "t125"
    ) AS "t129"
    LEFT OUTER JOIN (
      SELECT
        "t149"."patient_id",
        "t149"."recovered_day",
        "t149"."neutrophils_recovered",
        "t149"."platelets_known",
        "t149"."decline_day",
        "t149"."decline_kind",
        COALESCE("t149"."explained", FALSE) AS "explained"
      FROM (
        SELECT
          "t148".*
          EXCLUDE ("patient_id_right")
        FROM (
          SELECT
            "t147"."patient_id",
            "t147"."recovered_day",
            "t147"."neutrophils_recovered",
            "t147"."platelets_known",
            "t147"."decline_day",
            "t147"."decline_kind",
            "t141"."patient_id" AS "patient_id_right",
            "t141"."explained"
          FROM (
            SELECT
              "t145".*
              EXCLUDE ("patient_id_right")
            FROM (
              SELECT
                "t120"."patient_id",
                "t120"."recovered_day",
                "t120"."neutrophils_recovered",
                "t120"."platelets_known",
                "t144"."patient_id" AS "patient_id_right",
                "t144"."decline_day",
                "t144"."decline_kind"
              FROM "t118" AS "t120"
              LEFT OUTER JOIN (
                SELECT
                  "t142"."patient_id",
                  "t142"."day" AS "decline_day",
                  "t142"."kind" AS "decline_kind"
                FROM (
                  SELECT
                    "t139"."patient_id",
                    "t139"."day",
                    "t139"."kind",
                    ROW_NUMBER() OVER (
                      PARTITION BY "t139"."patient_id"
                      ORDER BY "t139"."day" ASC, "t139"."kind" ASC
                      ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                    ) - 1 AS "rank"
                  FROM (
                    SELECT
                      "t137"."patient_id",
                      "t137"."day",
                      "t137"."kind"
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t133"."patient_id",
                          CAST("t133"."day" AS BIGINT) AS "day",
                          'anc' AS "kind"
                        FROM (
                          SELECT
                            "t130"."patient_id",
                            "t130"."day",
                            "t130"."value",
                            "t130"."meets",
                            "t130"."meets"
                            AND COALESCE(
                              LEAD("t130"."meets", 1) OVER (
                                PARTITION BY "t130"."patient_id"
                                ORDER BY "t130"."day" ASC
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                              ),
                              FALSE
                            )
                            AND COALESCE(
                              LEAD("t130"."meets", 2) OVER (
                                PARTITION BY "t130"."patient_id"
                                ORDER BY "t130"."day" ASC
                                ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                              ),
                              FALSE
                            )
                            AND (
                              TRUE
                              AND (
                                LEAD("t130"."day", 1) OVER (
                                  PARTITION BY "t130"."patient_id"
                                  ORDER BY "t130"."day" ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                ) IS NOT NULL
                              )
                              AND (
                                LEAD("t130"."day", 2) OVER (
                                  PARTITION BY "t130"."patient_id"
                                  ORDER BY "t130"."day" ASC
                                  ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                                ) IS NOT NULL
                              )
                            ) AS "run_start",
                            SUM(CASE WHEN "t130"."meets" THEN 0 ELSE 1 END) OVER (
                              PARTITION BY "t130"."patient_id"
                              ORDER BY "t130"."day" ASC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                            ) > 0 AS "failed_before"
                          FROM (
                            SELECT
                              "t127"."patient_id",
                              "t127"."day",
                              "t127"."value",
                              "t127"."value" < 0.5 AS "meets"
                            FROM (
                              SELECT
                                "t48"."patient_id",
                                "t48"."day",
                                "t48"."value",
                                "t124"."recovered_day"
                              FROM (
                                SELECT
                                  *
                                FROM "t42" AS "t44"
                                WHERE
                                  "t44"."value" IS NOT NULL
                              ) AS "t48"
                              INNER JOIN (
                                SELECT
                                  "t119"."patient_id",
                                  "t119"."recovered_day"
                                FROM "t118" AS "t119"
                                WHERE
                                  "t119"."recovered_day" IS NOT NULL
                              ) AS "t124"
                                ON "t48"."patient_id" = "t124"."patient_id"
                            ) AS "t127"
                            WHERE
                              "t127"."day" > "t127"."recovered_day"
                          ) AS "t130"
                        ) AS "t133"
                        WHERE
                          "t133"."run_start"
                      ) AS "t135"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t132"."patient_id",
                          "t132"."day",
                          'platelet_transfusions' AS "kind"
                        FROM (
                          SELECT
                            "t131"."patient_id",
                            "t131"."day",
                            LEAD("t131"."day", 1) OVER (
                              PARTITION BY "t131"."patient_id"
                              ORDER BY "t131"."day" ASC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                            ) AS "kth"
                          FROM (
                            SELECT DISTINCT
                              "t128"."patient_id",
                              CAST("t128"."day" AS BIGINT) AS "day"
                            FROM (
                              SELECT
                                "t21"."patient_id",
                                "t21"."day",
                                "t124"."recovered_day"
                              FROM "t13" AS "t21"
                              INNER JOIN (
                                SELECT
                                  "t119"."patient_id",
                                  "t119"."recovered_day"
                                FROM "t118" AS "t119"
                                WHERE
                                  "t119"."recovered_day" IS NOT NULL
                              ) AS "t124"
                                ON "t21"."patient_id" = "t124"."patient_id"
                            ) AS "t128"
                            WHERE
                              "t128"."day" > "t128"."recovered_day"
                          ) AS "t131"
                        ) AS "t132"
                        WHERE
                          (
                            "t132"."kth" - "t132"."day"
                          ) <= 6
                      ) AS "t134"
                    ) AS "t137"
                    ANTI JOIN (
                      SELECT
                        "t0"."patient_id",
                        CAST("t0"."day" AS BIGINT) AS "relapse_day"
                      FROM "disease_assessments" AS "t0"
                      WHERE
                        "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                    ) AS "t17"
                      ON "t137"."patient_id" = "t17"."patient_id"
                      AND "t17"."relapse_day" BETWEEN "t137"."day" - 14 AND "t137"."day" + 14
                  ) AS "t139"
                ) AS "t142"
                WHERE
                  "t142"."rank" = 0
              ) AS "t144"
                ON "t120"."patient_id" = "t144"."patient_id"
            ) AS "t145"
          ) AS "t147"
          LEFT OUTER JOIN (
            SELECT
              "t138"."patient_id",
              COUNT("t138"."day") > 0 AS "explained"
            FROM (
              SELECT
                "t137"."patient_id",
                "t137"."day",
                "t137"."kind"
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    "t133"."patient_id",
                    CAST("t133"."day" AS BIGINT) AS "day",
                    'anc' AS "kind"
                  FROM (
                    SELECT
                      "t130"."patient_id",
                      "t130"."day",
                      "t130"."value",
                      "t130"."meets",
                      "t130"."meets"
                      AND COALESCE(
                        LEAD("t130"."meets", 1) OVER (
                          PARTITION BY "t130"."patient_id"
                          ORDER BY "t130"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ),
                        FALSE
                      )
                      AND COALESCE(
                        LEAD("t130"."meets", 2) OVER (
                          PARTITION BY "t130"."patient_id"
                          ORDER BY "t130"."day" ASC
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                        ),
                        FALSE
                      )
                      AND (
                        TRUE
                        AND (
                          LEAD("t130"."day", 1) OVER (
                            PARTITION BY "t130"."patient_id"
                            ORDER BY "t130"."day" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) IS NOT NULL
                        )
                        AND (
                          LEAD("t130"."day", 2) OVER (
                            PARTITION BY "t130"."patient_id"
                            ORDER BY "t130"."day" ASC
                            ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                          ) IS NOT NULL
                        )
                      ) AS "run_start",
                      SUM(CASE WHEN "t130"."meets" THEN 0 ELSE 1 END) OVER (
                        PARTITION BY "t130"."patient_id"
                        ORDER BY "t130"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
                      ) > 0 AS "failed_before"
                    FROM (
                      SELECT
                        "t127"."patient_id",
                        "t127"."day",
                        "t127"."value",
                        "t127"."value" < 0.5 AS "meets"
                      FROM (
                        SELECT
                          "t48"."patient_id",
                          "t48"."day",
                          "t48"."value",
                          "t124"."recovered_day"
                        FROM (
                          SELECT
                            *
                          FROM "t42" AS "t44"
                          WHERE
                            "t44"."value" IS NOT NULL
                        ) AS "t48"
                        INNER JOIN (
                          SELECT
                            "t119"."patient_id",
                            "t119"."recovered_day"
                          FROM "t118" AS "t119"
                          WHERE
                            "t119"."recovered_day" IS NOT NULL
                        ) AS "t124"
                          ON "t48"."patient_id" = "t124"."patient_id"
                      ) AS "t127"
                      WHERE
                        "t127"."day" > "t127"."recovered_day"
                    ) AS "t130"
                  ) AS "t133"
                  WHERE
                    "t133"."run_start"
                ) AS "t135"
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    "t132"."patient_id",
                    "t132"."day",
                    'platelet_transfusions' AS "kind"
                  FROM (
                    SELECT
                      "t131"."patient_id",
                      "t131"."day",
                      LEAD("t131"."day", 1) OVER (
                        PARTITION BY "t131"."patient_id"
                        ORDER BY "t131"."day" ASC
                        ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
                      ) AS "kth"
                    FROM (
                      SELECT DISTINCT
                        "t128"."patient_id",
                        CAST("t128"."day" AS BIGINT) AS "day"
                      FROM (
                        SELECT
                          "t21"."patient_id",
                          "t21"."day",
                          "t124"."recovered_day"
                        FROM "t13" AS "t21"
                        INNER JOIN (
                          SELECT
                            "t119"."patient_id",
                            "t119"."recovered_day"
                          FROM "t118" AS "t119"
                          WHERE
                            "t119"."recovered_day" IS NOT NULL
                        ) AS "t124"
                          ON "t21"."patient_id" = "t124"."patient_id"
                      ) AS "t128"
                      WHERE
                        "t128"."day" > "t128"."recovered_day"
                    ) AS "t131"
                  ) AS "t132"
                  WHERE
                    (
                      "t132"."kth" - "t132"."day"
                    ) <= 6
                ) AS "t134"
              ) AS "t137"
              SEMI JOIN (
                SELECT
                  "t0"."patient_id",
                  CAST("t0"."day" AS BIGINT) AS "relapse_day"
                FROM "disease_assessments" AS "t0"
                WHERE
                  "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
              ) AS "t17"
                ON "t137"."patient_id" = "t17"."patient_id"
                AND "t17"."relapse_day" BETWEEN "t137"."day" - 14 AND "t137"."day" + 14
            ) AS "t138"
            GROUP BY
              1
          ) AS "t141"
            ON "t147"."patient_id" = "t141"."patient_id"
        ) AS "t148"
      ) AS "t149"
    ) AS "t151"
      ON "t129"."patient_id" = "t151"."patient_id"
  ) AS "t152"
) AS "t153"
